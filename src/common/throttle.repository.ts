import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { DataSource } from 'typeorm';
import { Clock } from './clock';

/** Every this many writes, expired windows (older than a day) and expired tokens are deleted. */
const PRUNE_EVERY = 500;
const DAY_MS = 86_400_000;

export interface Take {
  /** Whether this attempt is within the limit. */
  allowed: boolean;
  /** Attempts in the window, this one included (never more than limit + 1: refused ones stop counting there). */
  hits: number;
  /** When the window ends and the count starts again. */
  resetsAt: Date;
}

/**
 * Rate limits and single-use tokens, in PostgreSQL: every instance behind a load balancer sees
 * the same counts and refuses the same replayed token. Each attempt is counted by ONE statement
 * (INSERT … ON CONFLICT DO UPDATE … RETURNING, which locks the key's row), so concurrent
 * requests, on one instance or several, can never all read "under the limit" and all pass.
 * A key's window begins at its first attempt and lasts `windowMs`.
 */
@Injectable()
export class ThrottleRepository implements ThrottlerStorage {
  private writes = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Take one attempt under `key`, if fewer than `limit` were taken in its window. */
  async take(key: string, limit: number, windowMs: number): Promise<Take> {
    const now = this.clock.now();
    const [r] = (await this.dataSource.query(
      `INSERT INTO throttle_counters AS t (key, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN t.window_start <= $3 THEN 1 ELSE least(t.hits + 1, $4::int + 1) END,
         window_start = CASE WHEN t.window_start <= $3 THEN $2 ELSE t.window_start END
       RETURNING hits, window_start`,
      [key.slice(0, 200), now, new Date(now.getTime() - windowMs), limit],
    )) as { hits: number; window_start: Date }[];
    await this.maybePrune();
    return { allowed: r.hits <= limit, hits: r.hits, resetsAt: new Date(new Date(r.window_start).getTime() + windowMs) };
  }

  /** Whether one more attempt is within `limit` per `windowMs`; an allowed one is counted. */
  async allow(key: string, limit: number, windowMs: number): Promise<boolean> {
    return (await this.take(key, limit, windowMs)).allowed;
  }

  /** Give back an attempt taken by `take` that did not happen after all (the work failed). */
  async giveBack(key: string, limit: number): Promise<void> {
    await this.dataSource.query(`UPDATE throttle_counters SET hits = least(hits, $2::int) - 1 WHERE key = $1 AND hits > 0`, [key.slice(0, 200), limit]);
  }

  /** Attempts under `key` in its current window, without counting one. */
  async peek(key: string, windowMs: number): Promise<number> {
    const [r] = (await this.dataSource.query(`SELECT hits FROM throttle_counters WHERE key = $1 AND window_start > $2`, [key.slice(0, 200), new Date(this.clock.now().getTime() - windowMs)])) as { hits: number }[];
    return r?.hits ?? 0;
  }

  /** Forget a key's attempts (an administrator let the person back in). */
  async clear(key: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM throttle_counters WHERE key = $1`, [key.slice(0, 200)]);
  }

  /** True the first time `id` is spent; false if it was spent before (and has not expired). */
  async spendOnce(id: string, expiresAt: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`INSERT INTO used_tokens (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`, [id.slice(0, 200), expiresAt]);
    await this.maybePrune();
    return rows.length === 1;
  }

  /** @nestjs/throttler's storage (the login form's limit per address and account): every attempt counted, blocked past the limit. */
  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const now = this.clock.now().getTime();
    const r = await this.take(`throttler:${throttlerName}:${key}`, limit, ttl);
    const timeToExpire = Math.max(1, Math.ceil((r.resetsAt.getTime() - now) / 1000));
    return { totalHits: r.hits, timeToExpire, isBlocked: !r.allowed, timeToBlockExpire: r.allowed ? 0 : Math.ceil((blockDuration || ttl) / 1000) };
  }

  private async maybePrune(): Promise<void> {
    if (++this.writes % PRUNE_EVERY !== 0) return;
    const now = this.clock.now();
    await this.dataSource.query(`DELETE FROM throttle_counters WHERE window_start < $1`, [new Date(now.getTime() - DAY_MS)]);
    await this.dataSource.query(`DELETE FROM used_tokens WHERE expires_at < $1`, [now]);
  }
}
