import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AgendaEventChange } from './agenda-event-change.entity';
import { AgendaEvent } from './agenda-event.entity';
import { AgendaSeries } from './agenda-series.entity';
import { Coverage } from './coverage.entity';
import { EventAttachment } from './event-attachment.entity';
import { FeedToken } from './feed-token.entity';
import { RouteStepDone } from './route-step.entity';

export interface EventRow {
  id: number;
  title: string;
  startsAt: Date;
  endsAt: Date;
  allDay: boolean;
  place: string | null;
  address: string | null;
  description: string | null;
  departmentId: number;
  departmentName: string;
  kind: string;
  isPublic: boolean;
  importance: number;
  status: string;
  statusReason: string | null;
  dayRank: number;
  seriesId: number | null;
  sequence: number;
  updatedAt: Date;
}

export interface EventFilter {
  from?: Date;
  to?: Date;
  departmentId?: number;
  kind?: string;
  importance?: number;
  status?: string;
  statuses?: string[];
  proposedById?: number;
  limit?: number;
}

const EVENT_COLUMNS = `e.id, e.title, e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.all_day AS "allDay", e.place, e.address, e.description,
  e.department_id AS "departmentId", d.name AS "departmentName", e.kind, e.is_public AS "isPublic", e.importance, e.status,
  e.status_reason AS "statusReason", e.day_rank AS "dayRank", e.series_id AS "seriesId", e.sequence, e.updated_at AS "updatedAt"`;

/** Every query of the agenda module. */
@Injectable()
export class AgendaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  findEvent(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(AgendaEvent, { where: { id } });
  }
  async eventRow(id: number, manager?: EntityManager): Promise<EventRow | null> {
    const rows: EventRow[] = await this.m(manager).query(`SELECT ${EVENT_COLUMNS} FROM agenda_events e JOIN departments d ON d.id = e.department_id WHERE e.id = $1`, [id]);
    return rows[0] ?? null;
  }
  saveEvent(e: Partial<AgendaEvent>, manager?: EntityManager) {
    return this.m(manager).save(AgendaEvent, e);
  }
  saveSeries(s: Partial<AgendaSeries>, manager: EntityManager) {
    return manager.save(AgendaSeries, s);
  }
  findSeries(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(AgendaSeries, { where: { id } });
  }
  seriesEvents(seriesId: number, manager?: EntityManager) {
    return this.m(manager).find(AgendaEvent, { where: { seriesId }, order: { startsAt: 'ASC' } });
  }
  async deleteEvents(ids: number[], manager: EntityManager) {
    if (ids.length) await manager.query(`DELETE FROM agenda_events WHERE id = ANY($1::int[])`, [ids]);
  }
  async eventIdsWithWork(ids: number[], manager: EntityManager): Promise<Set<number>> {
    if (!ids.length) return new Set();
    const rows: { id: number }[] = await manager.query(`SELECT DISTINCT event_id AS id FROM agenda_coverages WHERE event_id = ANY($1::int[]) UNION SELECT DISTINCT event_id FROM agenda_route_steps WHERE event_id = ANY($1::int[])`, [ids]);
    return new Set(rows.map((r) => r.id));
  }

  events(filter: EventFilter, manager?: EntityManager): Promise<EventRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, v: unknown) => {
      params.push(v);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.from) add('e.ends_at >= ?', filter.from);
    if (filter.to) add('e.starts_at < ?', filter.to);
    if (filter.departmentId) add('e.department_id = ?', filter.departmentId);
    if (filter.kind) add('e.kind = ?', filter.kind);
    if (filter.importance) add('e.importance = ?', filter.importance);
    if (filter.status) add('e.status = ?', filter.status);
    if (filter.statuses) add('e.status = ANY(?::varchar[])', filter.statuses);
    if (filter.proposedById) add('e.proposed_by_id = ?', filter.proposedById);
    return this.m(manager).query(
      `SELECT ${EVENT_COLUMNS} FROM agenda_events e JOIN departments d ON d.id = e.department_id
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY e.starts_at, e.id LIMIT ${Math.min(filter.limit ?? 500, 2000)}`,
      params,
    );
  }

  async setRanks(ids: number[], manager: EntityManager) {
    for (let i = 0; i < ids.length; i++) await manager.query(`UPDATE agenda_events SET day_rank = $2 WHERE id = $1`, [ids[i], i + 1]);
  }

  // History
  addChange(c: Partial<AgendaEventChange>, manager: EntityManager) {
    return manager.save(AgendaEventChange, c);
  }
  changes(eventId: number, manager?: EntityManager) {
    return this.m(manager).find(AgendaEventChange, { where: { eventId }, order: { at: 'DESC', id: 'DESC' } });
  }

  // Route
  routeDone(eventIds: number[], manager?: EntityManager): Promise<{ eventId: number; step: string; doneAt: Date; doneBy: string; source: string }[]> {
    if (!eventIds.length) return Promise.resolve([]);
    return this.m(manager).query(`SELECT event_id AS "eventId", step, done_at AS "doneAt", done_by AS "doneBy", source FROM agenda_route_steps WHERE event_id = ANY($1::int[])`, [eventIds]);
  }
  async markStep(row: Partial<RouteStepDone>, manager: EntityManager): Promise<boolean> {
    const res = await manager.createQueryBuilder().insert().into(RouteStepDone).values(row).orIgnore().returning('id').execute();
    return (res.raw as unknown[]).length > 0;
  }
  async unmarkStep(eventId: number, step: string, manager: EntityManager): Promise<boolean> {
    const res = await manager.delete(RouteStepDone, { eventId, step });
    return (res.affected ?? 0) > 0;
  }

  // Coverages
  saveCoverage(c: Partial<Coverage>, manager?: EntityManager) {
    return this.m(manager).save(Coverage, c);
  }
  findCoverage(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(Coverage, { where: { id } });
  }
  coverages(filter: { eventId?: number; assigneeId?: number; active?: boolean; from?: Date }, manager?: EntityManager): Promise<
    { id: number; eventId: number; type: string; assigneeId: number; assigneeName: string; assigneeEmail: string; callAt: Date | null; note: string | null; status: string; eventTitle: string; startsAt: Date; endsAt: Date; place: string | null; eventStatus: string }[]
  > {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.eventId) {
      params.push(filter.eventId);
      where.push(`c.event_id = $${params.length}`);
    }
    if (filter.assigneeId) {
      params.push(filter.assigneeId);
      where.push(`c.assignee_id = $${params.length}`);
    }
    if (filter.active) where.push(`c.status NOT IN ('cancelled','completed')`);
    if (filter.from) {
      params.push(filter.from);
      where.push(`e.ends_at >= $${params.length}`);
    }
    return this.m(manager).query(
      `SELECT c.id, c.event_id AS "eventId", c.type, c.assignee_id AS "assigneeId", u.name AS "assigneeName", u.email AS "assigneeEmail",
              c.call_at AS "callAt", c.note, c.status, e.title AS "eventTitle", e.starts_at AS "startsAt", e.ends_at AS "endsAt", e.place, e.status AS "eventStatus"
         FROM agenda_coverages c JOIN users u ON u.id = c.assignee_id JOIN agenda_events e ON e.id = c.event_id
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY e.starts_at, c.id LIMIT 500`,
      params,
    );
  }
  /** Other events the person is covering that overlap [start, end). */
  overlapping(assigneeId: number, eventId: number, start: Date, end: Date, manager?: EntityManager): Promise<{ eventId: number; title: string; startsAt: Date }[]> {
    return this.m(manager).query(
      `SELECT DISTINCT e.id AS "eventId", e.title, e.starts_at AS "startsAt"
         FROM agenda_coverages c JOIN agenda_events e ON e.id = c.event_id
        WHERE c.assignee_id = $1 AND c.event_id <> $2 AND c.status <> 'cancelled' AND e.status NOT IN ('cancelled')
          AND e.starts_at < $4 AND e.ends_at > $3
        ORDER BY e.starts_at`,
      [assigneeId, eventId, start, end],
    );
  }

  // Attachments
  saveAttachment(a: Partial<EventAttachment>, manager: EntityManager) {
    return manager.save(EventAttachment, a);
  }
  attachments(eventId: number, manager?: EntityManager) {
    return this.m(manager).find(EventAttachment, { where: { eventId }, order: { id: 'ASC' } });
  }
  /** Record a thumbnail made after the fact, unless another request recorded one first; returns the key that stands. */
  async setAttachmentThumb(id: number, key: string): Promise<string | null> {
    const rows: { thumb_key: string | null }[] = await this.m().query(
      `WITH u AS (UPDATE agenda_event_attachments SET thumb_key = COALESCE(thumb_key, $2) WHERE id = $1 RETURNING thumb_key) SELECT thumb_key FROM u`,
      [id, key],
    );
    return rows[0]?.thumb_key ?? null;
  }

  findAttachment(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(EventAttachment, { where: { id } });
  }

  // Feed tokens
  async setFeedToken(userId: number, tokenHash: string, manager: EntityManager) {
    await manager.query(`INSERT INTO agenda_feed_tokens (user_id, token_hash, created_at) VALUES ($1, $2, now()) ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`, [userId, tokenHash]);
  }
  async deleteFeedToken(userId: number, manager: EntityManager) {
    await manager.delete(FeedToken, { userId });
  }
  feedToken(userId: number, manager?: EntityManager) {
    return this.m(manager).findOne(FeedToken, { where: { userId } });
  }
  async userByFeedToken(tokenHash: string): Promise<{ id: number; name: string; role: string } | null> {
    const rows = await this.dataSource.query(`SELECT u.id, u.name, u.role FROM agenda_feed_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = $1 AND u.active`, [tokenHash]);
    return rows[0] ?? null;
  }
  externalUidExists(uids: string[], manager: EntityManager): Promise<{ externalUid: string }[]> {
    if (!uids.length) return Promise.resolve([]);
    return manager.query(`SELECT external_uid AS "externalUid" FROM agenda_events WHERE external_uid = ANY($1::varchar[])`, [uids]);
  }

  staffForCoverage(): Promise<{ id: number; name: string; email: string }[]> {
    return this.dataSource.query(`SELECT id, name, email FROM users WHERE active AND role = 'press' ORDER BY name`);
  }
  findUser(id: number, manager?: EntityManager): Promise<{ id: number; name: string; email: string; role: string; active: boolean } | undefined> {
    return this.m(manager).query(`SELECT id, name, email, role, active FROM users WHERE id = $1`, [id]).then((r: { id: number; name: string; email: string; role: string; active: boolean }[]) => r[0]);
  }
  activeDepartment(id: number, manager?: EntityManager): Promise<{ id: number; name: string } | undefined> {
    return this.m(manager).query(`SELECT id, name FROM departments WHERE id = $1 AND active`, [id]).then((r: { id: number; name: string }[]) => r[0]);
  }
  activeDepartments(): Promise<{ id: number; name: string }[]> {
    return this.dataSource.query(`SELECT id, name FROM departments WHERE active ORDER BY name`);
  }
  departmentByName(name: string, manager?: EntityManager): Promise<{ id: number; name: string } | undefined> {
    return this.m(manager).query(`SELECT id, name FROM departments WHERE lower(name) = lower($1)`, [name]).then((r: { id: number; name: string }[]) => r[0]);
  }
}
