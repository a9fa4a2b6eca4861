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

/** A passage a person should review before publishing (article 134: personal promotion). */
export interface ContentWarning {
  kind: 'promotion' | 'name';
  who: string;
  wording: string | null;
  excerpt: string;
}
export type ContentReview = (text: string, manager?: EntityManager) => Promise<ContentWarning[]>;

/**
 * Where publishing asks permission. Press releases and the social page call `check` inside
 * the transaction that sends or publishes; later modules (the electoral blackout in
 * agreements/) register the rules, so an earlier module never depends on a later one.
 * A check refuses by throwing (a FieldError on `exception` or `exceptionReason`).
 */
@Injectable()
export class PublicationGate {
  private readonly checks: PublicationCheck[] = [];
  private readonly reviews: ContentReview[] = [];

  register(check: PublicationCheck): void {
    this.checks.push(check);
  }

  /** Warnings (never refusals) about a text: whatever publishes shows them to its author. */
  registerReview(review: ContentReview): void {
    this.reviews.push(review);
  }

  async review(text: string, manager?: EntityManager): Promise<ContentWarning[]> {
    const out: ContentWarning[] = [];
    for (const r of this.reviews) out.push(...(await r(text, manager)));
    return out;
  }

  async check(manager: EntityManager, request: PublicationRequest): Promise<void> {
    for (const c of this.checks) await c(manager, request);
  }
}
