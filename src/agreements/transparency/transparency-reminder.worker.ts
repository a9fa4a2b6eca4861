import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { TransparencyService } from './transparency.service';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily timer of transparency reminders: once a minute after start-up, then every day.
 * Off when background work is off (OUTBOX_POLL_MS=0, as in tests: they call sendDueReminders()).
 * Reminders are claimed in the database, so several instances never send one twice.
 */
@Injectable()
export class TransparencyReminderWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('TransparencyReminders');
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly transparency: TransparencyService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    if (this.config.OUTBOX_POLL_MS <= 0) return;
    const first = setTimeout(() => void this.tick(), 60_000);
    const daily = setInterval(() => void this.tick(), DAY_MS);
    first.unref();
    daily.unref();
    this.timers = [first, daily];
  }

  private async tick() {
    try {
      await this.transparency.sendDueReminders();
    } catch (e) {
      this.logger.warn(`recordatorios de transparencia: ${(e as Error).message}`);
    }
  }

  onApplicationShutdown() {
    for (const t of this.timers) clearTimeout(t);
  }
}
