import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { Scheduler } from '../../jobs/scheduler';
import { TransparencyService } from './transparency.service';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The daily round of transparency reminders: first a minute after start-up, then every day,
 * once a day across all instances (the scheduler's "transparency-reminders" job). Off when
 * background work is off (OUTBOX_POLL_MS=0, as in tests: they call sendDueReminders()).
 * Reminders are also claimed one by one in the database, so none is ever sent twice.
 */
@Injectable()
export class TransparencyReminderWorker implements OnModuleInit {
  constructor(
    private readonly transparency: TransparencyService,
    private readonly scheduler: Scheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    const on = this.config.OUTBOX_POLL_MS > 0;
    this.scheduler.define({ name: 'transparency-reminders', everyMs: on ? DAY_MS : 0, firstAfterMs: 60_000, run: () => this.transparency.sendDueReminders() });
  }
}
