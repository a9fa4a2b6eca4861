import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { JobsRepository } from './jobs.repository';

export interface JobDefinition<T> {
  /** Stable name, shared by every instance (the row in scheduled_jobs). */
  name: string;
  /** Period in ms; 0 or less: no timer (runNow() still works, for tests and "now" buttons). */
  everyMs: number;
  /** First tick after start-up (default: one period). */
  firstAfterMs?: number;
  /** How long a run may go without renewing its lease before another instance may take it over (30 s; renewed every 10 s). */
  leaseMs?: number;
  run: () => Promise<T>;
}

export interface Job<T> {
  readonly name: string;
  /**
   * Run now on this instance, whether due or not, but never while another instance runs it:
   * waits for that run to end (up to `waitMs`), then runs. Undefined if the wait ran out.
   */
  runNow(waitMs?: number, run?: () => Promise<T>): Promise<T | undefined>;
}

interface Entry {
  def: JobDefinition<unknown>;
  leaseMs: number;
  running?: Promise<unknown>;
}

/**
 * The one timer helper of the app. Every periodic job registers here (in its onModuleInit);
 * each instance ticks every job's period, and a tick runs the job only if it claims the job's
 * row (JobsRepository.claim): once per period across any number of instances, never two runs
 * at once, and a run whose process died is taken over when its lease runs out.
 */
@Injectable()
export class Scheduler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Scheduler');
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  private readonly jobs = new Map<string, Entry>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private started = false;
  private stopping = false;

  constructor(private readonly repo: JobsRepository) {}

  define<T>(def: JobDefinition<T>): Job<T> {
    if (this.jobs.has(def.name)) throw new Error(`job ${def.name} defined twice`);
    // A short lease, renewed every third of it while the run lasts: a run of any length keeps it,
    // and after a crash (kill -9, OOM) another instance or the restarted one resumes within it.
    const entry: Entry = { def: def as JobDefinition<unknown>, leaseMs: def.leaseMs ?? 30_000 };
    this.jobs.set(def.name, entry);
    if (this.started) this.startTimer(entry);
    return { name: def.name, runNow: (waitMs = 60_000, run?: () => Promise<T>) => this.runNow(entry, waitMs, run) as Promise<T | undefined> };
  }

  /** Names and periods of the jobs this instance ticks (for the logs and the metrics). */
  get defined(): { name: string; everyMs: number }[] {
    return [...this.jobs.values()].map((e) => ({ name: e.def.name, everyMs: e.def.everyMs }));
  }

  onApplicationBootstrap() {
    this.started = true;
    for (const entry of this.jobs.values()) this.startTimer(entry);
    const active = [...this.jobs.values()].filter((e) => e.def.everyMs > 0).map((e) => e.def.name);
    if (active.length) this.logger.log(`trabajos periódicos (una vez por periodo entre todas las instancias): ${active.join(', ')}`);
  }

  async onApplicationShutdown() {
    this.stopping = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await Promise.all([...this.jobs.values()].map((e) => e.running?.catch(() => undefined)));
  }

  private startTimer(entry: Entry) {
    const every = entry.def.everyMs;
    if (every <= 0) return;
    const schedule = (ms: number) => {
      if (this.stopping) return;
      const t = setTimeout(() => {
        this.timers.delete(t);
        void this.tick(entry).finally(() => schedule(every));
      }, ms);
      t.unref();
      this.timers.add(t);
    };
    schedule(entry.def.firstAfterMs ?? every);
  }

  /** One timer tick: run only if this instance claims the job for this period. */
  private async tick(entry: Entry): Promise<void> {
    if (entry.running || this.stopping) return;
    const every = entry.def.everyMs;
    // Timers of different instances drift by milliseconds: a tick a little early still counts.
    const slack = Math.min(every / 10, 5_000);
    try {
      if (!(await this.repo.claim(entry.def.name, this.owner, every, entry.leaseMs, slack))) return;
    } catch (e) {
      this.logger.warn(`no se pudo reclamar ${entry.def.name}: ${(e as Error).message}`);
      return;
    }
    await this.execute(entry).catch(() => undefined);
  }

  /** `run` replaces the job's own function for this run (a "now" button that skips a backoff). */
  private async runNow(entry: Entry, waitMs: number, run?: () => Promise<unknown>): Promise<unknown> {
    const until = Date.now() + waitMs;
    const every = Math.max(entry.def.everyMs, 0);
    for (;;) {
      if (entry.running) {
        await entry.running.catch(() => undefined);
        continue;
      }
      if (await this.repo.claim(entry.def.name, this.owner, every, entry.leaseMs, 0, true)) break;
      if (Date.now() >= until) return undefined;
      await new Promise((r) => setTimeout(r, 200));
    }
    return this.execute(entry, run);
  }

  /** Run a claimed job, renewing its lease while it runs; record how it ended. */
  private execute(entry: Entry, run = entry.def.run): Promise<unknown> {
    const { name } = entry.def;
    const renew = setInterval(() => void this.repo.renew(name, this.owner, entry.leaseMs).catch(() => undefined), Math.max(1_000, entry.leaseMs / 3));
    renew.unref();
    entry.running = (async () => {
      let error: string | null = null;
      try {
        return await run();
      } catch (e) {
        error = ((e as Error)?.message ?? String(e)).slice(0, 2000);
        this.logger.warn(`trabajo ${name} falló: ${error}`);
        throw e;
      } finally {
        clearInterval(renew);
        await this.repo.finish(name, this.owner, error).catch((e) => this.logger.warn(`no se pudo registrar el fin de ${name}: ${(e as Error).message}`));
      }
    })().finally(() => (entry.running = undefined));
    return entry.running;
  }
}
