import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import { DataSource } from 'typeorm';
import { Clock } from './clock';

const DAY_MS = 86_400_000;
/** Every this many writes, hits older than a day and expired tokens are deleted. */
const PRUNE_EVERY = 500;

/**
 * Counters of attempts and single-use tokens, in PostgreSQL: two instances behind a load
 * balancer see the same counts and refuse the same replayed token (in memory, each would
 * keep its own and a flood would get twice the allowance).
 */
@Injectable()
export class ThrottleRepository implements ThrottlerStorage {
  private writes = 0;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Attempts under `key` within the last `windowMs`. */
  async count(key: string, windowMs: number): Promise<number> {
    const since = new Date(this.clock.now().getTime() - windowMs);
    const [r] = await this.dataSource.query(`SELECT count(*)::int AS n FROM throttle_hits WHERE key = $1 AND at > $2`, [key, since]);
    return r.n;
  }

  async add(key: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO throttle_hits (key, at) VALUES ($1, $2)`, [key, this.clock.now()]);
    await this.maybePrune();
  }

  /** Whether one more attempt is within `limit` per `windowMs`; an allowed one is counted. */
  async allow(key: string, limit: number, windowMs: number): Promise<boolean> {
    if ((await this.count(key, windowMs)) >= limit) return false;
    await this.add(key);
    return true;
  }

  /** True the first time `id` is spent; false if it was spent before (and has not expired). */
  async spendOnce(id: string, expiresAt: Date): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`INSERT INTO used_tokens (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`, [id.slice(0, 200), expiresAt]);
    await this.maybePrune();
    return rows.length === 1;
  }

  /** @nestjs/throttler's storage (the login form's limit): every attempt counted, blocked past the limit. */
  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    const k = `throttler:${throttlerName}:${key}`.slice(0, 200);
    const now = this.clock.now().getTime();
    await this.add(k);
    const [r] = await this.dataSource.query(`SELECT count(*)::int AS n, min(at) AS oldest FROM throttle_hits WHERE key = $1 AND at > $2`, [k, new Date(now - ttl)]);
    const oldest = r.oldest ? new Date(r.oldest).getTime() : now;
    const timeToExpire = Math.max(1, Math.ceil((oldest + ttl - now) / 1000));
    const isBlocked = r.n > limit;
    return { totalHits: r.n, timeToExpire, isBlocked, timeToBlockExpire: isBlocked ? Math.ceil((blockDuration || ttl) / 1000) : 0 };
  }

  private async maybePrune(): Promise<void> {
    if (++this.writes % PRUNE_EVERY !== 0) return;
    const now = this.clock.now();
    await this.dataSource.query(`DELETE FROM throttle_hits WHERE at < $1`, [new Date(now.getTime() - DAY_MS)]);
    await this.dataSource.query(`DELETE FROM used_tokens WHERE expires_at < $1`, [now]);
  }
}
