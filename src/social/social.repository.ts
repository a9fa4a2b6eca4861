import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { SocialPostMedia } from './social-post-media.entity';
import { SocialPost, SocialStatus } from './social-post.entity';

@Injectable()
export class SocialRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  insert(fields: Partial<SocialPost>, manager: EntityManager) {
    return manager.save(SocialPost, manager.create(SocialPost, fields));
  }

  save(p: SocialPost, manager: EntityManager) {
    return manager.save(SocialPost, p);
  }

  findById(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(SocialPost, { where: { id } });
  }

  lock(id: number, manager: EntityManager) {
    return manager.createQueryBuilder(SocialPost, 'p').setLock('pessimistic_write').where('p.id = :id', { id }).getOne();
  }

  async setMedia(postId: number, assetIds: number[], manager: EntityManager) {
    await manager.delete(SocialPostMedia, { postId });
    if (assetIds.length) await manager.insert(SocialPostMedia, assetIds.map((assetId, position) => ({ postId, assetId, position })));
  }

  async mediaIds(postId: number, manager?: EntityManager): Promise<number[]> {
    const rows = await this.m(manager).find(SocialPostMedia, { where: { postId }, order: { position: 'ASC' } });
    return rows.map((r) => r.assetId);
  }

  list(statuses: SocialStatus[], limit = 50): Promise<SocialPost[]> {
    return this.dataSource.manager
      .createQueryBuilder(SocialPost, 'p')
      .where('p.status IN (:...statuses)', { statuses })
      .orderBy('coalesce(p.published_at, p.scheduled_at, p.created_at)', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(limit)
      .getMany();
  }

  /** Posts published, or due to be, between two instants (the calendar). */
  between(from: Date, to: Date): Promise<SocialPost[]> {
    return this.dataSource.manager
      .createQueryBuilder(SocialPost, 'p')
      .where(`coalesce(p.published_at, p.scheduled_at) >= :from AND coalesce(p.published_at, p.scheduled_at) < :to`, { from, to })
      .andWhere(`p.status <> 'draft'`)
      .orderBy('coalesce(p.published_at, p.scheduled_at)', 'ASC')
      .getMany();
  }

  /**
   * A scheduled post waits in the outbox until its time: the entry written in this same
   * transaction is given that time as its first attempt.
   */
  async delayOutboxEntry(outboxId: string, at: Date, manager: EntityManager) {
    await manager.query(`UPDATE outbox SET next_attempt_at = $2 WHERE id = $1`, [outboxId, at]);
  }
}
