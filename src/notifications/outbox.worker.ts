import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Mailer } from './mailer';
import { OutboxService } from './outbox.service';

/** Polls the outbox every OUTBOX_POLL_MS (0 turns it off; tests then call drain()). */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OutboxWorker');
  private timer?: NodeJS.Timeout;
  private running?: Promise<number>;

  constructor(
    private readonly outbox: OutboxService,
    private readonly mailer: Mailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap() {
    if (this.mailer.configured) {
      const released = await this.outbox.releaseHeld('email');
      if (released) this.logger.log(`${released} correos retenidos pasan a envío`);
    }
    if (this.config.OUTBOX_POLL_MS > 0) {
      this.timer = setInterval(() => void this.tick(), this.config.OUTBOX_POLL_MS);
      this.timer.unref();
    }
  }

  private async tick() {
    if (this.running) return;
    try {
      await this.runOnce();
    } catch (e) {
      this.logger.warn(`ronda del outbox falló: ${(e as Error).message}`);
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
    if (this.timer) clearInterval(this.timer);
    await this.running?.catch(() => undefined);
  }
}
