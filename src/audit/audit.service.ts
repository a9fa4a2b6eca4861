import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from './audit-actor';
import { AuditFilter, AuditRepository } from './audit.repository';

export interface AuditEvent {
  action: string;
  entityType: string;
  entityId?: string | number | null;
  details?: Record<string, unknown>;
}

@Injectable()
export class AuditService {
  constructor(private readonly repo: AuditRepository) {}

  /** Record an act. Pass the transaction's manager so the entry commits (or not) with the change. */
  async record(actor: Actor, event: AuditEvent, manager?: EntityManager): Promise<void> {
    await this.repo.insert(
      {
        userId: actor.userId,
        actor: actor.label,
        ip: actor.ip,
        action: event.action,
        entityType: event.entityType,
        entityId: event.entityId == null ? null : String(event.entityId),
        details: event.details ?? {},
      },
      manager,
    );
  }

  search(filter: AuditFilter) {
    return this.repo.search(filter);
  }

  entityTypes() {
    return this.repo.entityTypes();
  }
}
