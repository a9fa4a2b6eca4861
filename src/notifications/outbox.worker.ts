import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Scheduler } from '../jobs/scheduler';
import { Mailer } from './mailer';
import { OutboxService } from './outbox.service';

/**
 * Delivers the outbox every OUTBOX_POLL_MS, once per period across all instances (the
 * scheduler's "outbox" job; 0 turns the timer off and tests call drain()). Each message is still
 * claimed on its own (FOR UPDATE SKIP LOCKED), so a manual drain on another instance is safe.
 */
@Injectable()
export class OutboxWorker implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxWorker');
  private running?: Promise<number>;
  private stopping = false;

  constructor(
    private readonly outbox: OutboxService,
    private readonly mailer: Mailer,
    private readonly scheduler: Scheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    // One instance delivers per period; its round goes on while messages are due (up to 30 s,
    // its lease is renewed meanwhile), so a release to 300 outlets does not wait 20 per period.
    this.scheduler.define({ name: 'outbox', everyMs: this.config.OUTBOX_POLL_MS, run: () => this.drainFor(30_000) });
  }

  async onApplicationBootstrap() {
    if (this.mailer.configured) {
      const released = await this.outbox.releaseHeld('email');
      if (released) this.logger.log(`${released} correos retenidos pasan a envío`);
    }
  }

  /** One round; concurrent callers share it. */
  runOnce(): Promise<number> {
    this.running ??= this.outbox.deliverDue().finally(() => (this.running = undefined));
    return this.running;
  }

  /** Deliver round after round until nothing is due or `ms` have passed. */
  async drainFor(ms: number): Promise<number> {
    const until = Date.now() + ms;
    let total = 0;
    while (Date.now() < until && !this.stopping) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  /** Deliver until nothing due is left (tests, and the "send now" button). */
  async drain(maxRounds = 50): Promise<number> {
    let total = 0;
    for (let i = 0; i < maxRounds; i++) {
      const n = await this.runOnce();
      total += n;
      if (n === 0) break;
    }
    return total;
  }

  /** A stop (SIGTERM) ends the round after the message in flight. */
  beforeApplicationShutdown() {
    this.stopping = true;
  }

  async onApplicationShutdown() {
    await this.running?.catch(() => undefined);
  }
}
