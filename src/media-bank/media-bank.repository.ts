import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { MediaAsset } from './media-asset.entity';
import { MediaCollectionItem } from './media-collection-item.entity';
import { MediaCollection } from './media-collection.entity';
import { MediaKind, normalizeForSearch } from './media-kinds';

export interface AssetFilter {
  q?: string;
  kind?: MediaKind;
  from?: string; // YYYY-MM-DD, on the date taken (or uploaded)
  to?: string;
  eventId?: number;
  coverageId?: number;
  departmentId?: number;
  credit?: string;
  tag?: string;
  collectionId?: number;
  usableOn?: string; // only assets that may be used on that day
  ids?: number[];
}

@Injectable()
export class MediaBankRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  insert(fields: Partial<MediaAsset>, manager: EntityManager): Promise<MediaAsset> {
    return manager.save(MediaAsset, manager.create(MediaAsset, fields));
  }

  save(asset: MediaAsset, manager: EntityManager) {
    return manager.save(MediaAsset, asset);
  }

  async setPublicKey(id: number, key: string): Promise<void> {
    await this.dataSource.query(`UPDATE media_assets SET public_key = $2 WHERE id = $1`, [id, key]);
  }

  findById(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(MediaAsset, { where: { id } });
  }

  async findByIds(ids: number[], manager?: EntityManager): Promise<MediaAsset[]> {
    if (!ids.length) return [];
    const rows = await this.m(manager).find(MediaAsset, { where: { id: In(ids) } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => byId.get(id)).filter((a): a is MediaAsset => !!a);
  }

  async search(filter: AssetFilter, limit: number, offset: number, manager?: EntityManager): Promise<{ rows: MediaAsset[]; total: number }> {
    const qb = this.m(manager).createQueryBuilder(MediaAsset, 'a');
    if (filter.q) {
      const words = normalizeForSearch(filter.q).split(' ').filter(Boolean).slice(0, 8);
      words.forEach((w, i) => qb.andWhere(`a.search_text LIKE :w${i}`, { [`w${i}`]: `%${w.replace(/[\\%_]/g, (c) => '\\' + c)}%` }));
    }
    if (filter.kind) qb.andWhere('a.kind = :kind', { kind: filter.kind });
    if (filter.from) qb.andWhere(`coalesce(a.taken_at, a.created_at) >= (:from::date)::timestamptz`, { from: filter.from });
    if (filter.to) qb.andWhere(`coalesce(a.taken_at, a.created_at) < (:to::date + 1)::timestamptz`, { to: filter.to });
    if (filter.eventId) qb.andWhere('a.event_id = :eventId', { eventId: filter.eventId });
    if (filter.coverageId) qb.andWhere('a.coverage_id = :coverageId', { coverageId: filter.coverageId });
    if (filter.departmentId) qb.andWhere('a.department_id = :departmentId', { departmentId: filter.departmentId });
    if (filter.credit) qb.andWhere('lower(a.credit) LIKE :credit', { credit: `%${filter.credit.toLowerCase()}%` });
    if (filter.tag) qb.andWhere('EXISTS (SELECT 1 FROM unnest(a.tags) t WHERE lower(t) = :tag)', { tag: filter.tag.toLowerCase() });
    if (filter.collectionId) qb.andWhere('a.id IN (SELECT asset_id FROM media_collection_items WHERE collection_id = :cid)', { cid: filter.collectionId });
    if (filter.usableOn) qb.andWhere('a.do_not_use = false AND (a.rights_expires_on IS NULL OR a.rights_expires_on >= :today)', { today: filter.usableOn });
    if (filter.ids) qb.andWhere('a.id IN (:...ids)', { ids: filter.ids.length ? filter.ids : [0] });
    qb.orderBy('coalesce(a.taken_at, a.created_at)', 'DESC').addOrderBy('a.id', 'DESC');
    const [rows, total] = await qb.take(limit).skip(offset).getManyAndCount();
    return { rows, total };
  }

  /** Tags in use, most frequent first (for the filter's suggestions). */
  async topTags(limit = 30): Promise<{ tag: string; n: number }[]> {
    return this.dataSource.query(`SELECT min(t) AS tag, count(*)::int AS n FROM media_assets, unnest(tags) t GROUP BY lower(t) ORDER BY n DESC, min(t) LIMIT $1`, [limit]);
  }

  async credits(): Promise<string[]> {
    const rows: { credit: string }[] = await this.dataSource.query(`SELECT DISTINCT credit FROM media_assets WHERE credit IS NOT NULL ORDER BY credit LIMIT 100`);
    return rows.map((r) => r.credit);
  }

  async eventIds(): Promise<{ eventId: number; n: number }[]> {
    return this.dataSource.query(`SELECT event_id AS "eventId", count(*)::int AS n FROM media_assets WHERE event_id IS NOT NULL GROUP BY event_id ORDER BY event_id DESC LIMIT 200`);
  }

  // Collections

  collections(manager?: EntityManager): Promise<(MediaCollection & { count: number })[]> {
    return this.m(manager).query(
      `SELECT c.id, c.name, c.description, c.created_at AS "createdAt", count(i.asset_id)::int AS count
         FROM media_collections c LEFT JOIN media_collection_items i ON i.collection_id = c.id
        GROUP BY c.id ORDER BY c.name`,
    );
  }

  findCollection(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(MediaCollection, { where: { id } });
  }

  findCollectionByName(name: string, manager?: EntityManager) {
    return this.m(manager).createQueryBuilder(MediaCollection, 'c').where('lower(c.name) = lower(:name)', { name }).getOne();
  }

  insertCollection(fields: Partial<MediaCollection>, manager: EntityManager) {
    return manager.save(MediaCollection, manager.create(MediaCollection, fields));
  }

  async collectionsOf(assetId: number, manager?: EntityManager): Promise<{ id: number; name: string }[]> {
    return this.m(manager).query(
      `SELECT c.id, c.name FROM media_collections c JOIN media_collection_items i ON i.collection_id = c.id WHERE i.asset_id = $1 ORDER BY c.name`,
      [assetId],
    );
  }

  async addToCollection(collectionId: number, assetId: number, manager: EntityManager): Promise<boolean> {
    const res = await manager.createQueryBuilder().insert().into(MediaCollectionItem).values({ collectionId, assetId }).orIgnore().returning('asset_id').execute();
    return (res.raw as unknown[]).length > 0;
  }

  async removeFromCollection(collectionId: number, assetId: number, manager: EntityManager): Promise<void> {
    await manager.delete(MediaCollectionItem, { collectionId, assetId });
  }
}
