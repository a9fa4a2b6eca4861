import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Scheduler } from '../jobs/scheduler';
import { MonitoringService } from './monitoring.service';

/**
 * Polls the feeds every MONITORING_POLL_MINUTES, once per period across all instances (off
 * with 0, or when OUTBOX_POLL_MS=0 as in tests).
 */
@Injectable()
export class MonitoringPollWorker implements OnModuleInit {
  private readonly logger = new Logger('MonitoringPoll');

  constructor(
    private readonly monitoring: MonitoringService,
    private readonly scheduler: Scheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit() {
    const on = this.config.OUTBOX_POLL_MS > 0 && this.config.MONITORING_POLL_MINUTES > 0;
    this.scheduler.define({ name: 'monitoring-feeds', everyMs: on ? Math.round(this.config.MONITORING_POLL_MINUTES * 60_000) : 0, run: () => this.tick() });
  }

  private async tick() {
    const reports = await this.monitoring.pollFeeds();
    const failed = reports.filter((r) => r.status === 'error');
    if (failed.length) this.logger.warn(`${failed.length} fuentes con error: ${failed.map((r) => r.name).join(', ')}`);
  }
}
