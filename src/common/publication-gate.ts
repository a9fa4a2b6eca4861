import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit-actor';

export type PublicationAct = 'send_release' | 'publish_newsroom' | 'publish_social' | 'run_campaign_piece';

export interface PublicationRequest {
  act: PublicationAct;
  at: Date;
  actor: Actor;
  entityType: string;
  entityId: string | number | null;
  /** A legal exception claimed by the person (salud, educación…), with its reason. */
  exception?: string | null;
  reason?: string | null;
}

/** Legal exceptions a form may offer when publishing (the blackout rules decide if they apply). */
export const PUBLICATION_EXCEPTIONS = ['health', 'education', 'civil_protection', 'electoral_authority'] as const;

export type PublicationCheck = (manager: EntityManager, request: PublicationRequest) => Promise<unknown>;

/**
 * Where publishing asks permission. Press releases and the social page call `check` inside
 * the transaction that sends or publishes; later modules (the electoral blackout in
 * agreements/) register the rules, so an earlier module never depends on a later one.
 * A check refuses by throwing (a FieldError on `exception` or `exceptionReason`).
 */
@Injectable()
export class PublicationGate {
  private readonly checks: PublicationCheck[] = [];

  register(check: PublicationCheck): void {
    this.checks.push(check);
  }

  async check(manager: EntityManager, request: PublicationRequest): Promise<void> {
    for (const c of this.checks) await c(manager, request);
  }
}
