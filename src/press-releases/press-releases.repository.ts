import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { normalizeForSearch } from '../media-bank/media-kinds';
import { PressRelease } from './press-release.entity';
import { DeliveryStatus, ReleaseDelivery } from './release-delivery.entity';
import { ReleaseEvent } from './release-event.entity';
import { ReleaseMedia } from './release-media.entity';
import { ReleaseStatus } from './release-status';
import { ReleaseTemplate } from './release-template.entity';
import { ReleaseSnapshot, ReleaseVersion } from './release-version.entity';

export interface StaffFilter {
  status?: ReleaseStatus;
  q?: string;
  eventId?: number;
}

export interface NewsroomFilter {
  q?: string;
  departmentId?: number;
  from?: string;
  to?: string;
}

const likeWords = (q: string) =>
  normalizeForSearch(q)
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .map((w) => `%${w.replace(/[\\%_]/g, (c) => '\\' + c)}%`);

/** The public date of a release: when it was published, or when its embargo lifted, whichever is later. */
const PUBLIC_AT = 'greatest(r.published_at, r.embargo_until)';

@Injectable()
export class PressReleasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  findById(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(PressRelease, { where: { id } });
  }

  /** The row locked for the rest of the transaction: two people acting at once take turns. */
  lock(id: number, manager: EntityManager) {
    return manager.createQueryBuilder(PressRelease, 'r').setLock('pessimistic_write').where('r.id = :id', { id }).getOne();
  }

  insert(fields: Partial<PressRelease>, manager: EntityManager) {
    return manager.save(PressRelease, manager.create(PressRelease, fields));
  }

  save(r: PressRelease, manager: EntityManager) {
    return manager.save(PressRelease, r);
  }

  async setSearchText(id: number, text: string, manager: EntityManager) {
    await manager.query(`UPDATE press_releases SET search_text = $2 WHERE id = $1`, [id, text]);
  }

  /**
   * The next number of `year`, gap-free: the year's counter row is locked FOR UPDATE until
   * the approving transaction ends, so a number is taken by one release only, and a rolled
   * back approval gives its number back.
   */
  async nextNumber(year: number, manager: EntityManager): Promise<number> {
    await manager.query(`INSERT INTO release_counters (year, last_number) VALUES ($1, 0) ON CONFLICT (year) DO NOTHING`, [year]);
    const [row] = (await manager.query(`SELECT last_number FROM release_counters WHERE year = $1 FOR UPDATE`, [year])) as { last_number: number }[];
    const next = Number(row.last_number) + 1;
    await manager.query(`UPDATE release_counters SET last_number = $2 WHERE year = $1`, [year, next]);
    return next;
  }

  async list(filter: StaffFilter, limit: number, offset: number): Promise<{ rows: PressRelease[]; total: number }> {
    const qb = this.dataSource.manager.createQueryBuilder(PressRelease, 'r');
    if (filter.status) qb.andWhere('r.status = :status', { status: filter.status });
    if (filter.eventId) qb.andWhere('r.event_id = :eventId', { eventId: filter.eventId });
    if (filter.q) likeWords(filter.q).forEach((w, i) => qb.andWhere(`r.search_text LIKE :w${i}`, { [`w${i}`]: w }));
    qb.orderBy('r.updated_at', 'DESC').addOrderBy('r.id', 'DESC');
    const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
    return { rows, total };
  }

  async countByStatus(): Promise<Record<string, number>> {
    const rows: { status: string; n: number }[] = await this.dataSource.query(`SELECT status, count(*)::int AS n FROM press_releases GROUP BY status`);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  // The public newsroom: every query carries the same visibility rule.

  private visible(now: Date) {
    return this.dataSource.manager
      .createQueryBuilder(PressRelease, 'r')
      .where(`r.status = 'published' AND r.published_at IS NOT NULL AND r.published_at <= :now AND (r.embargo_until IS NULL OR r.embargo_until <= :now)`, { now });
  }

  async newsroom(filter: NewsroomFilter, now: Date, limit: number, offset: number): Promise<{ rows: PressRelease[]; total: number }> {
    const qb = this.visible(now);
    if (filter.q) likeWords(filter.q).forEach((w, i) => qb.andWhere(`r.search_text LIKE :w${i}`, { [`w${i}`]: w }));
    if (filter.departmentId) qb.andWhere('r.department_id = :dep', { dep: filter.departmentId });
    if (filter.from) qb.andWhere(`r.release_date >= :from`, { from: filter.from });
    if (filter.to) qb.andWhere(`r.release_date <= :to`, { to: filter.to });
    qb.orderBy(PUBLIC_AT, 'DESC').addOrderBy('r.id', 'DESC');
    const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
    return { rows, total };
  }

  findVisible(id: number, now: Date) {
    return this.visible(now).andWhere('r.id = :id', { id }).getOne();
  }

  async departmentsInNewsroom(now: Date): Promise<{ id: number; name: string }[]> {
    return this.dataSource.query(
      `SELECT DISTINCT d.id, d.name FROM press_releases r JOIN departments d ON d.id = r.department_id
        WHERE r.status = 'published' AND r.published_at <= $1 AND (r.embargo_until IS NULL OR r.embargo_until <= $1) ORDER BY d.name`,
      [now],
    );
  }

  // Media, versions, history

  media(releaseId: number, manager?: EntityManager): Promise<ReleaseMedia[]> {
    return this.m(manager).find(ReleaseMedia, { where: { releaseId }, order: { position: 'ASC' } });
  }

  async replaceMedia(releaseId: number, items: { assetId: number; caption: string | null }[], manager: EntityManager) {
    await manager.delete(ReleaseMedia, { releaseId });
    if (items.length) await manager.insert(ReleaseMedia, items.map((it, position) => ({ releaseId, assetId: it.assetId, caption: it.caption, position })));
  }

  insertVersion(releaseId: number, version: number, snapshot: ReleaseSnapshot, author: { id: number | null; label: string }, manager: EntityManager) {
    return manager.insert(ReleaseVersion, { releaseId, version, snapshot, authorId: author.id, authorLabel: author.label });
  }

  versions(releaseId: number): Promise<ReleaseVersion[]> {
    return this.dataSource.manager.find(ReleaseVersion, { where: { releaseId }, order: { version: 'DESC' } });
  }

  version(releaseId: number, version: number) {
    return this.dataSource.manager.findOne(ReleaseVersion, { where: { releaseId, version } });
  }

  insertEvent(fields: Partial<ReleaseEvent>, manager: EntityManager) {
    return manager.insert(ReleaseEvent, fields);
  }

  history(releaseId: number): Promise<ReleaseEvent[]> {
    return this.dataSource.manager.find(ReleaseEvent, { where: { releaseId }, order: { id: 'ASC' } });
  }

  // Template

  template(manager?: EntityManager) {
    return this.m(manager).findOne(ReleaseTemplate, { where: { id: 1 } });
  }

  saveTemplate(fields: Omit<ReleaseTemplate, 'id' | 'updatedAt'>, manager: EntityManager) {
    return manager.save(ReleaseTemplate, manager.create(ReleaseTemplate, { id: 1, ...fields }));
  }

  // Distribution

  /** The release row locked until the end of the transaction (one sending at a time). */
  async lockForSending(id: number, manager: EntityManager): Promise<boolean> {
    const rows = (await manager.query(`SELECT id FROM press_releases WHERE id = $1 FOR UPDATE`, [id])) as unknown[];
    return rows.length > 0;
  }

  async deliveredContactIds(releaseId: number, manager: EntityManager): Promise<Set<number | null>> {
    return new Set((await manager.find(ReleaseDelivery, { where: { releaseId } })).map((d) => d.contactId));
  }

  saveDelivery(fields: Partial<ReleaseDelivery>, manager: EntityManager) {
    return manager.save(ReleaseDelivery, manager.create(ReleaseDelivery, fields));
  }

  lockDelivery(id: number, releaseId: number | null, manager: EntityManager) {
    const qb = manager.createQueryBuilder(ReleaseDelivery, 'd').setLock('pessimistic_write').where('d.id = :id', { id });
    if (releaseId != null) qb.andWhere('d.release_id = :rid', { rid: releaseId });
    return qb.getOne();
  }

  countDeliveries(releaseId: number, statuses: DeliveryStatus[], manager: EntityManager) {
    return manager.count(ReleaseDelivery, { where: { releaseId, status: In(statuses) } });
  }

  deliveries(releaseId: number) {
    return this.dataSource.manager.find(ReleaseDelivery, { where: { releaseId }, order: { outletName: 'ASC', name: 'ASC' } });
  }

  deliveryByTokenHash(tokenHash: string) {
    return this.dataSource.manager.findOne(ReleaseDelivery, { where: { tokenHash } });
  }
}
