import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditEntry } from './audit-entry.entity';

export interface AuditFilter {
  userId?: number;
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  from?: string; // YYYY-MM-DD, inclusive, in the municipality's time zone
  to?: string;
  beforeId?: string;
  limit: number;
  timezone: string;
}

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(row: Omit<AuditEntry, 'id' | 'at'>, manager?: EntityManager): Promise<void> {
    await (manager ?? this.dataSource.manager).insert(AuditEntry, row as never);
  }

  async search(f: AuditFilter): Promise<AuditEntry[]> {
    const q = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a').orderBy('a.id', 'DESC').limit(f.limit);
    if (f.userId) q.andWhere('a.user_id = :userId', { userId: f.userId });
    if (f.actor) q.andWhere('a.actor = lower(:actor)', { actor: f.actor });
    if (f.entityType) q.andWhere('a.entity_type = :entityType', { entityType: f.entityType });
    if (f.entityId) q.andWhere('a.entity_id = :entityId', { entityId: f.entityId });
    if (f.action) q.andWhere('a.action = :action', { action: f.action });
    if (f.from) q.andWhere(`a.at >= (:from::date)::timestamp AT TIME ZONE :tz`, { from: f.from, tz: f.timezone });
    if (f.to) q.andWhere(`a.at < ((:to::date + 1)::timestamp AT TIME ZONE :tz)`, { to: f.to, tz: f.timezone });
    if (f.beforeId) q.andWhere('a.id < :beforeId', { beforeId: f.beforeId });
    return q.getMany();
  }

  async entityTypes(): Promise<string[]> {
    const rows: { entity_type: string }[] = await this.dataSource.query('SELECT DISTINCT entity_type FROM audit_log ORDER BY 1');
    return rows.map((r) => r.entity_type);
  }
}
