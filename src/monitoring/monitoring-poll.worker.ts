import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';
import { MonitoringService } from './monitoring.service';

/** Polls the feeds every MONITORING_POLL_MINUTES (off with 0, or when OUTBOX_POLL_MS=0 as in tests). */
@Injectable()
export class MonitoringPollWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('MonitoringPoll');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly monitoring: MonitoringService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap() {
    if (this.config.OUTBOX_POLL_MS <= 0 || this.config.MONITORING_POLL_MINUTES <= 0) return;
    this.timer = setInterval(() => void this.tick(), this.config.MONITORING_POLL_MINUTES * 60_000);
    this.timer.unref();
  }

  private async tick() {
    try {
      const reports = await this.monitoring.pollFeeds();
      const failed = reports.filter((r) => r.status === 'error');
      if (failed.length) this.logger.warn(`${failed.length} fuentes con error: ${failed.map((r) => r.name).join(', ')}`);
    } catch (e) {
      this.logger.warn(`ronda de monitoreo falló: ${(e as Error).message}`);
    }
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }
}
