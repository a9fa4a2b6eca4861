import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { redactSecrets } from './mailer';
import { OutboxAttempt } from './outbox-attempt.entity';
import { OutboxEntry, OutboxStatus } from './outbox-entry.entity';

export interface OutboxListRow {
  id: string;
  kind: string;
  reference: string | null;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
  nextAttemptAt: Date;
  to: string | null;
  subject: string | null;
}

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, row: { kind: string; reference: string | null; payload: Record<string, unknown>; status: OutboxStatus }): Promise<string> {
    const res = await manager.createQueryBuilder().insert().into(OutboxEntry).values(row as never).returning('id').execute();
    return String((res.raw as { id: string }[])[0].id);
  }

  /**
   * Take up to `limit` due entries for delivery. The claim is committed at once (a short
   * transaction), so delivery itself runs outside any transaction and never holds the
   * connection; SKIP LOCKED keeps two workers from taking the same entry.
   */
  async claimDue(limit: number, leaseMs: number, kinds: string[]): Promise<OutboxEntry[]> {
    if (!kinds.length) return [];
    const [rows] = (await this.dataSource.query(
      `UPDATE outbox o SET claimed_until = now() + ($2 || ' milliseconds')::interval, attempts = o.attempts + 1
        WHERE o.id IN (
          SELECT id FROM outbox
           WHERE status = 'pending' AND next_attempt_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
             AND kind = ANY($3)
           ORDER BY next_attempt_at, id
           LIMIT $1
           FOR UPDATE SKIP LOCKED)
      RETURNING o.id, o.kind, o.reference, o.payload, o.attempts`,
      [limit, String(leaseMs), kinds],
    )) as [Record<string, unknown>[], number];
    return rows.map((r) => Object.assign(new OutboxEntry(), { id: String(r.id), kind: r.kind, reference: r.reference, payload: r.payload, attempts: r.attempts }));
  }

  async markSent(id: string, result: Record<string, unknown>, detail: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      // A delivered message keeps no secret meant for its recipient only (see EmailMessage.secrets).
      const [row] = (await m.query(`SELECT payload FROM outbox WHERE id = $1 AND payload ? 'secrets'`, [id])) as { payload: Record<string, unknown> }[];
      if (row) await m.query(`UPDATE outbox SET payload = $2 WHERE id = $1`, [id, redactSecrets(row.payload)]);
      await m.query(`UPDATE outbox SET status = 'sent', sent_at = now(), claimed_until = NULL, result = $2, last_error = NULL WHERE id = $1`, [id, result]);
      await m.insert(OutboxAttempt, { outboxId: id, at: new Date(), ok: true, detail });
    });
  }

  async markFailed(id: string, error: string, retryAt: Date | null): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      if (retryAt) {
        await m.query(`UPDATE outbox SET claimed_until = NULL, last_error = $2, next_attempt_at = $3 WHERE id = $1`, [id, error, retryAt]);
      } else {
        await m.query(`UPDATE outbox SET status = 'failed', claimed_until = NULL, last_error = $2 WHERE id = $1`, [id, error]);
      }
      await m.insert(OutboxAttempt, { outboxId: id, at: new Date(), ok: false, detail: error });
    });
  }

  /** Not yet: back to waiting until `until`, the claim's try not counted. */
  async defer(id: string, until: Date): Promise<void> {
    await this.dataSource.query(`UPDATE outbox SET claimed_until = NULL, next_attempt_at = $2, attempts = GREATEST(attempts - 1, 0) WHERE id = $1`, [id, until]);
  }

  /** Emails kept while no mail server was configured go out once one is. */
  async releaseHeld(kind: string): Promise<number> {
    const res: [unknown[], number] = await this.dataSource.query(`UPDATE outbox SET status = 'pending', next_attempt_at = now() WHERE status = 'held' AND kind = $1`, [kind]);
    return res[1] ?? 0;
  }

  /** prefixes: only entries whose reference starts with one of these kinds of work (outbox-audience.ts); null for all. */
  async list(filter: { status?: OutboxStatus; beforeId?: string; limit: number; prefixes: string[] | null }): Promise<OutboxListRow[]> {
    const params: unknown[] = [filter.limit];
    const where: string[] = [];
    if (filter.prefixes) where.push(`split_part(reference, ':', 1) = ANY($${params.push(filter.prefixes)}::text[])`);
    if (filter.status) where.push(`status = $${params.push(filter.status)}`);
    if (filter.beforeId) where.push(`id < $${params.push(filter.beforeId)}::bigint`);
    return this.dataSource.query(
      `SELECT id::text, kind, reference, status, attempts, last_error AS "lastError", created_at AS "createdAt", sent_at AS "sentAt",
              next_attempt_at AS "nextAttemptAt", payload->>'to' AS "to", payload->>'subject' AS "subject"
         FROM outbox ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY outbox.id DESC LIMIT $1`, // outbox.id, a number: "id" alone is the text output column ("9" before "83")
      params,
    );
  }

  async get(id: string): Promise<OutboxEntry | null> {
    return this.dataSource.getRepository(OutboxEntry).findOne({ where: { id } });
  }

  async attempts(id: string): Promise<OutboxAttempt[]> {
    return this.dataSource.getRepository(OutboxAttempt).find({ where: { outboxId: id }, order: { id: 'ASC' } });
  }

  async countByStatus(prefixes: string[] | null): Promise<Record<string, number>> {
    const rows: { status: string; n: number }[] = prefixes
      ? await this.dataSource.query(`SELECT status, count(*)::int AS n FROM outbox WHERE split_part(reference, ':', 1) = ANY($1::text[]) GROUP BY status`, [prefixes])
      : await this.dataSource.query(`SELECT status, count(*)::int AS n FROM outbox GROUP BY status`);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /**
   * Anonymisation: the emails written to a person, or about their cases, lose their contents;
   * one not yet sent is given up (never sent to nobody), with the reason shown on the outbox page.
   */
  async eraseRecipient(manager: EntityManager, references: string[], email: string | null): Promise<number> {
    const res: [unknown[], number] = await manager.query(
      `UPDATE outbox
          SET payload = jsonb_build_object('to', '[dato eliminado a petición del titular]', 'subject', '[dato eliminado a petición del titular]', 'text', ''),
              status = CASE WHEN status IN ('pending', 'held') THEN 'failed' ELSE status END,
              last_error = CASE WHEN status IN ('pending', 'held') THEN 'No se envió: datos del titular eliminados a su petición' ELSE last_error END
        WHERE kind = 'email' AND (reference = ANY($1::text[]) OR ($2::text IS NOT NULL AND lower(payload->>'to') = $2))`,
      [references, email],
    );
    return res[1];
  }
}
