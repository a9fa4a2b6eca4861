import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { ClippingCandidate } from './clipping-candidate.entity';
import { Clipping } from './clipping.entity';
import { KeywordRule } from './keyword-rule.entity';
import { MonitoringFeed } from './monitoring-feed.entity';

export interface ClippingRow {
  id: number;
  outletName: string | null;
  medium: string;
  publishedAt: string;
  headline: string;
  url: string | null;
  tone: string;
  reach: number | null;
  releaseId: number | null;
  tags: string[];
  hasFile: boolean;
}

/** Every query of media monitoring. */
@Injectable()
export class MonitoringRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  clippings(filter: { tone?: string; medium?: string; outletId?: number }, manager?: EntityManager): Promise<ClippingRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.tone) where.push(`c.tone = $${params.push(filter.tone)}`);
    if (filter.medium) where.push(`c.medium = $${params.push(filter.medium)}`);
    if (filter.outletId) where.push(`c.outlet_id = $${params.push(filter.outletId)}`);
    return this.m(manager).query(
      `SELECT c.id, o.name AS "outletName", c.medium, c.published_at AS "publishedAt", c.headline, c.url, c.tone, c.reach, c.release_id AS "releaseId",
              c.tags, c.storage_key IS NOT NULL AS "hasFile"
         FROM clippings c LEFT JOIN media_outlets o ON o.id = c.outlet_id
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY c.published_at DESC, c.id DESC LIMIT 300`,
      params,
    );
  }
  clippingsBetween(from: string, to: string, timezone: string, manager?: EntityManager): Promise<ClippingRow[]> {
    return this.m(manager).query(
      `SELECT c.id, o.name AS "outletName", c.medium, c.published_at AS "publishedAt", c.headline, c.url, c.tone, c.reach, c.release_id AS "releaseId", c.tags, c.storage_key IS NOT NULL AS "hasFile"
         FROM clippings c LEFT JOIN media_outlets o ON o.id = c.outlet_id
        WHERE c.published_at >= ($1::date)::timestamp AT TIME ZONE $3 AND c.published_at < ($2::date)::timestamp AT TIME ZONE $3
        ORDER BY c.published_at, c.id`,
      [from, to, timezone],
    );
  }
  /** Counts for the report: by tone, medium, outlet and week (Monday), over [from, to). */
  async summary(from: string, to: string, timezone: string, manager?: EntityManager) {
    const q = (group: string) =>
      this.m(manager).query(
        `SELECT ${group} AS key, count(*)::int AS n FROM clippings c LEFT JOIN media_outlets o ON o.id = c.outlet_id
          WHERE c.published_at >= ($1::date)::timestamp AT TIME ZONE $3 AND c.published_at < ($2::date)::timestamp AT TIME ZONE $3
          GROUP BY 1 ORDER BY 2 DESC, 1`,
        [from, to, timezone],
      ) as Promise<{ key: string; n: number }[]>;
    const byTone = await q('c.tone');
    const byMedium = await q('c.medium');
    const byOutlet = await q(`coalesce(o.name, '—')`);
    const byWeek = await q(`to_char(date_trunc('week', c.published_at AT TIME ZONE $3), 'YYYY-MM-DD')`);
    return { byTone, byMedium, byOutlet, byWeek };
  }
  /** A release as the pickup page needs it (press_releases belongs to an earlier module; read only). */
  async releaseForPickup(releaseId: number, manager?: EntityManager): Promise<{ id: number; title: string; status: string; eventId: number | null; sentAt: Date | null } | undefined> {
    const rows = await this.m(manager).query('SELECT id, title, status, event_id AS "eventId", sent_at AS "sentAt" FROM press_releases WHERE id = $1', [releaseId]);
    return rows[0];
  }

  /**
   * Outlets the release was sent to (every delivery, whether the mail has left yet or not: a
   * queued one still counts when the outlet publishes), with who to call there.
   */
  async sentOutlets(releaseId: number, manager?: EntityManager): Promise<{ outletId: number; outletName: string; contacts: string }[]> {
    return this.m(manager).query(
      `SELECT o.id AS "outletId", o.name AS "outletName",
              string_agg(DISTINCT c.name || COALESCE(' · ' || c.phones, ''), '; ') AS contacts
         FROM release_deliveries d
         JOIN media_contacts c ON c.id = d.contact_id
         JOIN media_outlets o ON o.id = c.outlet_id
        WHERE d.release_id = $1
        GROUP BY o.id, o.name ORDER BY o.name`,
      [releaseId],
    );
  }

  /** When the day-after checks of a release were logged, and by whom. */
  pickupChecks(releaseId: number, manager?: EntityManager): Promise<{ at: Date; actor: string }[]> {
    return this.m(manager).query(
      `SELECT at, actor FROM audit_log WHERE action = 'monitoring.pickup_checked' AND entity_type = 'press_release' AND entity_id = $1 ORDER BY id DESC LIMIT 10`,
      [String(releaseId)],
    );
  }

  /** Names of outlets, for those that published a release without being sent it. */
  outletNames(ids: number[], manager?: EntityManager): Promise<{ outletId: number; outletName: string }[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.m(manager).query(`SELECT id AS "outletId", name AS "outletName" FROM media_outlets WHERE id = ANY($1::int[]) ORDER BY name`, [ids]);
  }

  /** Releases a clipping may be linked to: those that left the office, newest first. */
  linkableReleases(limit = 50, manager?: EntityManager): Promise<{ id: number; title: string }[]> {
    return this.m(manager).query(`SELECT id, title FROM press_releases WHERE status IN ('sent', 'published') ORDER BY coalesce(published_at, sent_at, created_at) DESC, id DESC LIMIT $1`, [limit]);
  }

  async linkClipping(clippingId: number, releaseId: number | null, manager?: EntityManager): Promise<void> {
    await this.m(manager).query(`UPDATE clippings SET release_id = $2 WHERE id = $1`, [clippingId, releaseId]);
  }

  async outletsWithClipping(releaseId: number, manager?: EntityManager): Promise<(number | null)[]> {
    const rows: { outletId: number | null }[] = await this.m(manager).query('SELECT DISTINCT outlet_id AS "outletId" FROM clippings WHERE release_id = $1', [releaseId]);
    return rows.map((r) => r.outletId);
  }
  /** An outlet's clippings over a period (YYYY-MM-DD, inclusive, local days), e.g. as evidence for an agreement. */
  clippingsOfOutlet(outletId: number, from: string, to: string, timezone: string, manager?: EntityManager): Promise<{ id: number; headline: string; publishedAt: string }[]> {
    return this.m(manager).query(
      `SELECT id, headline, published_at AS "publishedAt" FROM clippings
        WHERE outlet_id = $1 AND published_at >= ($2::date)::timestamp AT TIME ZONE $4 AND published_at < (($3::date) + 1)::timestamp AT TIME ZONE $4
        ORDER BY published_at DESC LIMIT 200`,
      [outletId, from, to, timezone],
    );
  }
  findClipping(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(Clipping, { where: { id } });
  }
  saveClipping(c: Partial<Clipping>, manager: EntityManager) {
    return manager.save(Clipping, c);
  }

  feeds(manager?: EntityManager): Promise<(MonitoringFeed & { outletName: string | null; pending: number })[]> {
    return this.m(manager).query(
      `SELECT f.id, f.url, f.name, f.outlet_id AS "outletId", o.name AS "outletName", f.active, f.last_checked_at AS "lastCheckedAt", f.last_status AS "lastStatus", f.last_error AS "lastError",
              (SELECT count(*)::int FROM clipping_candidates k WHERE k.feed_id = f.id AND k.status = 'pending') AS pending
         FROM monitoring_feeds f LEFT JOIN media_outlets o ON o.id = f.outlet_id ORDER BY f.name, f.id`,
    );
  }
  activeFeeds(manager?: EntityManager) {
    return this.m(manager).find(MonitoringFeed, { where: { active: true }, order: { id: 'ASC' } });
  }
  findFeed(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(MonitoringFeed, { where: { id } });
  }
  findFeedByUrl(url: string, manager?: EntityManager) {
    return this.m(manager).findOne(MonitoringFeed, { where: { url } });
  }
  saveFeed(f: Partial<MonitoringFeed>, manager?: EntityManager) {
    return this.m(manager).save(MonitoringFeed, f);
  }
  async updateFeedState(id: number, state: Partial<Pick<MonitoringFeed, 'etag' | 'lastModified' | 'lastCheckedAt' | 'lastStatus' | 'lastError'>>, manager?: EntityManager) {
    await this.m(manager).update(MonitoringFeed, { id }, state);
  }

  keywords(manager?: EntityManager) {
    return this.m(manager).find(KeywordRule, { order: { term: 'ASC' } });
  }
  findKeyword(term: string, manager?: EntityManager) {
    return this.m(manager).createQueryBuilder(KeywordRule, 'k').where('lower(k.term) = lower(:term)', { term }).getOne();
  }
  saveKeyword(k: Partial<KeywordRule>, manager: EntityManager) {
    return manager.save(KeywordRule, k);
  }
  async deleteKeyword(id: number, manager: EntityManager) {
    await manager.delete(KeywordRule, { id });
  }

  /** Insert a candidate unless that piece was already proposed (by any feed) or logged by hand; true when inserted. */
  async insertCandidate(c: Partial<ClippingCandidate>, manager?: EntityManager): Promise<boolean> {
    const m = this.m(manager);
    if (c.link) {
      const [dup] = await m.query('SELECT 1 FROM clippings WHERE url = $1 LIMIT 1', [c.link]);
      if (dup) return false;
    }
    const res = await m.createQueryBuilder().insert().into(ClippingCandidate).values(c).orIgnore().returning('id').execute();
    return (res.raw as unknown[]).length > 0;
  }
  candidates(status: string, manager?: EntityManager): Promise<(ClippingCandidate & { feedName: string; outletId: number | null })[]> {
    return this.m(manager).query(
      `SELECT k.id, k.title, k.link, k.published_at AS "publishedAt", k.snippet, k.matched, k.status, f.name AS "feedName", f.outlet_id AS "outletId"
         FROM clipping_candidates k JOIN monitoring_feeds f ON f.id = k.feed_id WHERE k.status = $1 ORDER BY k.published_at DESC NULLS LAST, k.id DESC LIMIT 300`,
      [status],
    );
  }
  findCandidateForUpdate(id: number, manager: EntityManager) {
    return manager.createQueryBuilder(ClippingCandidate, 'k').setLock('pessimistic_write').where('k.id = :id', { id }).getOne();
  }
  async setCandidateStatus(id: number, status: string, manager: EntityManager) {
    await manager.update(ClippingCandidate, { id }, { status });
  }
  async outletBrief(id: number, manager?: EntityManager): Promise<{ id: number; type: string; reach: number | null } | null> {
    const [row] = await this.m(manager).query('SELECT id, type, reach FROM media_outlets WHERE id = $1', [id]);
    return row ?? null;
  }
}
