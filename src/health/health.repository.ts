import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface OutboxStats {
  /** Messages by status (pending, held, failed, sent). */
  byStatus: Record<string, number>;
  /** Pending messages already due. */
  due: number;
  /** Seconds the oldest due message has waited past its time (0 if none). */
  oldestDueSeconds: number;
  /** Failed delivery attempts in the last hour. */
  failedAttemptsLastHour: number;
}

export interface MailboxState {
  lastSuccessAt: Date | null;
  failures: number;
  lastError: string | null;
}

/** The read-only queries of /health/ready and /metrics (state other modules own, read in one place). */
@Injectable()
export class HealthRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async outbox(): Promise<OutboxStats> {
    const rows: { status: string; n: number }[] = await this.dataSource.query(`SELECT status, count(*)::int AS n FROM outbox GROUP BY status`);
    const [due] = await this.dataSource.query(
      `SELECT count(*)::int AS n, COALESCE(EXTRACT(EPOCH FROM now() - min(next_attempt_at)), 0)::float8 AS oldest FROM outbox WHERE status = 'pending' AND next_attempt_at <= now()`,
    );
    const [failed] = await this.dataSource.query(`SELECT count(*)::int AS n FROM outbox_attempts WHERE NOT ok AND at > now() - interval '1 hour'`);
    return {
      byStatus: Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])),
      due: Number(due.n),
      oldestDueSeconds: Math.max(0, Math.round(Number(due.oldest))),
      failedAttemptsLastHour: Number(failed.n),
    };
  }

  async mailbox(folder: string): Promise<MailboxState | null> {
    const [r] = await this.dataSource.query(`SELECT last_success_at, failures, last_error FROM mailbox_sync WHERE folder = $1`, [folder]);
    return r ? { lastSuccessAt: r.last_success_at ?? null, failures: Number(r.failures), lastError: r.last_error ?? null } : null;
  }

  /** Seconds since PostgreSQL last answered (a cheap ping that also measures the round trip). */
  async ping(): Promise<number> {
    const started = process.hrtime.bigint();
    await this.dataSource.query('SELECT 1');
    return Number(process.hrtime.bigint() - started) / 1e9;
  }

  async pendingMigrations(): Promise<boolean> {
    return this.dataSource.showMigrations();
  }
}
