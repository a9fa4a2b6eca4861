import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
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
export class OutboxWorker implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxWorker');
  private running?: Promise<number>;

  constructor(
    private readonly outbox: OutboxService,
    private readonly mailer: Mailer,
    private readonly scheduler: Scheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    this.scheduler.define({ name: 'outbox', everyMs: this.config.OUTBOX_POLL_MS, run: () => this.runOnce() });
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

  async onApplicationShutdown() {
    await this.running?.catch(() => undefined);
  }
}
