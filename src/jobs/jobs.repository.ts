import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface JobState {
  name: string;
  dueAt: Date;
  runningUntil: Date | null;
  owner: string | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastSuccessAt: Date | null;
  lastError: string | null;
  runs: number;
  failures: number;
}

/**
 * Every query of the scheduler. Each claim is ONE statement on the database's clock: the row is
 * locked while it is evaluated, so of several instances claiming at once exactly one wins, and
 * no connection is held while the job runs (the embedded database has only one).
 */
@Injectable()
export class JobsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Take the job for one run if nobody is running it and, unless `force`, if it is due (within
   * `slackMs`, so that timers of a few milliseconds early still find it due). Sets when it is next
   * due (`everyMs` from now) and the lease (`leaseMs`). True when this caller won.
   */
  async claim(name: string, owner: string, everyMs: number, leaseMs: number, slackMs: number, force = false): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `INSERT INTO scheduled_jobs (name, due_at, running_until, owner, last_started_at, runs)
       VALUES ($1, now() + make_interval(secs => $2::float8 / 1000), now() + make_interval(secs => $3::float8 / 1000), $4, now(), 1)
       ON CONFLICT (name) DO UPDATE SET
         due_at = EXCLUDED.due_at, running_until = EXCLUDED.running_until, owner = EXCLUDED.owner,
         last_started_at = now(), runs = scheduled_jobs.runs + 1
       WHERE (scheduled_jobs.running_until IS NULL OR scheduled_jobs.running_until < now())
         AND ($6::boolean OR scheduled_jobs.due_at <= now() + make_interval(secs => $5::float8 / 1000))
       RETURNING name`,
      [name, everyMs, leaseMs, owner, slackMs, force],
    );
    return rows.length === 1;
  }

  /** Keep the lease while the run lasts. False if the lease was lost (expired and taken). */
  async renew(name: string, owner: string, leaseMs: number): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      `UPDATE scheduled_jobs SET running_until = now() + make_interval(secs => $3::float8 / 1000) WHERE name = $1 AND owner = $2 AND running_until IS NOT NULL RETURNING name`,
      [name, owner, leaseMs],
    );
    return rows.length === 1;
  }

  async finish(name: string, owner: string, error: string | null): Promise<void> {
    await this.dataSource.query(
      `UPDATE scheduled_jobs SET running_until = NULL, last_finished_at = now(),
         last_success_at = CASE WHEN $3::text IS NULL THEN now() ELSE last_success_at END,
         last_error = $3::text, failures = CASE WHEN $3::text IS NULL THEN 0 ELSE failures + 1 END
       WHERE name = $1 AND owner = $2`,
      [name, owner, error],
    );
  }

  async all(): Promise<JobState[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT name, due_at, running_until, owner, last_started_at, last_finished_at, last_success_at, last_error, runs, failures FROM scheduled_jobs ORDER BY name`,
    );
    return rows.map((r) => ({
      name: String(r.name),
      dueAt: r.due_at as Date,
      runningUntil: (r.running_until as Date) ?? null,
      owner: (r.owner as string) ?? null,
      lastStartedAt: (r.last_started_at as Date) ?? null,
      lastFinishedAt: (r.last_finished_at as Date) ?? null,
      lastSuccessAt: (r.last_success_at as Date) ?? null,
      lastError: (r.last_error as string) ?? null,
      runs: Number(r.runs),
      failures: Number(r.failures),
    }));
  }
}
