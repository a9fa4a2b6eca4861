import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock } from '../common/clock';
import { PersonalDataErasers } from '../common/personal-data-erasers';
import { EmailMessage, Mailer, PermanentDeliveryError } from './mailer';
import { OutboxEntry } from './outbox-entry.entity';
import { OutboxRepository } from './outbox.repository';
import { nextDelayMs, shouldGiveUp } from './retry-policy';

export interface DeliveryResult {
  result: Record<string, unknown>;
  detail: string;
}
export type OutboxHandler = (entry: OutboxEntry) => Promise<DeliveryResult>;
/** Told of every outcome, e.g. to mark a press release's recipient as sent or failed. */
export type OutcomeListener = (entry: OutboxEntry, outcome: { ok: boolean; final: boolean; result?: Record<string, unknown>; error?: string }) => Promise<void>;

export { PermanentDeliveryError };

/**
 * Thrown by a handler when an entry may not go out yet (a post about a release still under
 * embargo): it waits until `until`, and the wait is not counted as a failed try.
 */
export class DeferDelivery extends Error {
  constructor(
    readonly until: Date,
    reason: string,
  ) {
    super(reason);
  }
}

@Injectable()
export class OutboxService {
  private readonly logger = new Logger('Outbox');
  private readonly handlers = new Map<string, { handler: OutboxHandler; held: () => boolean }>();
  private readonly listeners: OutcomeListener[] = [];

  constructor(
    private readonly repo: OutboxRepository,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
    erasers: PersonalDataErasers,
  ) {
    erasers.register('outbox', async (m, who) => {
      await this.repo.eraseRecipient(m, who.caseIds.map((id) => `case:${id}`), who.email);
    });
    this.registerHandler(
      'email',
      async (entry) => {
        const sent = await this.mailer.send(entry.payload as unknown as EmailMessage);
        return { result: { messageId: sent.messageId }, detail: sent.response };
      },
      () => !this.mailer.configured,
    );
  }

  /**
   * Register who delivers a kind of entry. `held` says whether entries of this kind must
   * wait (no server or token configured): they are kept and shown, not tried.
   */
  registerHandler(kind: string, handler: OutboxHandler, held: () => boolean = () => false): void {
    this.handlers.set(kind, { handler, held });
  }

  onOutcome(listener: OutcomeListener): void {
    this.listeners.push(listener);
  }

  kinds(): string[] {
    return [...this.handlers.entries()].filter(([, h]) => !h.held()).map(([k]) => k);
  }

  /** Write a side effect in the caller's transaction: it is delivered only if that transaction commits. */
  async enqueue(manager: EntityManager, kind: string, payload: Record<string, unknown>, reference: string | null = null): Promise<string> {
    const h = this.handlers.get(kind);
    if (!h) throw new Error(`No outbox handler for ${kind}`);
    return this.repo.insert(manager, { kind, reference, payload, status: h.held() ? 'held' : 'pending' });
  }

  enqueueEmail(manager: EntityManager, message: EmailMessage, reference: string | null = null): Promise<string> {
    return this.enqueue(manager, 'email', message as unknown as Record<string, unknown>, reference);
  }

  /** Deliver what is due; returns how many entries were tried. */
  async deliverDue(limit = 20): Promise<number> {
    // One claim per message, each with its own lease: a batch claimed at once would hold every
    // message of it for the whole lease if the process died (kill -9, OOM) while sending the
    // first, and a slow mail server could outlast the lease of the last ones, so that another
    // instance sends them too. Now a crash strands only the message being sent.
    let n = 0;
    for (; n < limit; n++) {
      const [entry] = await this.repo.claimDue(1, 120_000, this.kinds());
      if (!entry) break;
      await this.deliver(entry);
    }
    return n;
  }

  private async deliver(entry: OutboxEntry): Promise<void> {
    const h = this.handlers.get(entry.kind)!;
    try {
      const { result, detail } = await h.handler(entry);
      await this.repo.markSent(entry.id, result, detail.slice(0, 2000));
      await this.tell(entry, { ok: true, final: true, result });
    } catch (e) {
      if (e instanceof DeferDelivery) {
        await this.repo.defer(entry.id, e.until);
        return;
      }
      const message = ((e as Error)?.message ?? String(e)).slice(0, 2000);
      const final = shouldGiveUp(entry.attempts, e instanceof PermanentDeliveryError);
      const retryAt = final ? null : new Date(this.clock.now().getTime() + nextDelayMs(entry.attempts));
      await this.repo.markFailed(entry.id, message, retryAt);
      this.logger.warn(`entrega ${entry.kind} #${entry.id} falló (intento ${entry.attempts}${final ? ', definitivo' : ''}): ${message}`);
      await this.tell(entry, { ok: false, final, error: message });
    }
  }

  private async tell(entry: OutboxEntry, outcome: Parameters<OutcomeListener>[1]) {
    for (const l of this.listeners) {
      try {
        await l(entry, outcome);
      } catch (e) {
        this.logger.error(`listener failed for #${entry.id}: ${(e as Error).message}`);
      }
    }
  }

  releaseHeld(kind: string) {
    return this.repo.releaseHeld(kind);
  }

  list(filter: Parameters<OutboxRepository['list']>[0]) {
    return this.repo.list(filter);
  }
  get(id: string) {
    return this.repo.get(id);
  }
  attempts(id: string) {
    return this.repo.attempts(id);
  }
  countByStatus(prefixes: string[] | null) {
    return this.repo.countByStatus(prefixes);
  }
}
