import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { APP_CONFIG, AppConfig } from '../config/config';
import { HealthRepository } from './health.repository';

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`sin respuesta en ${ms} ms`)), ms).unref())]);
}

/**
 * What /health/ready checks, one terminus indicator each: the database answers, every
 * migration is applied, the outbox is not stuck (its oldest due message waits less than
 * READY_OUTBOX_MAX_DELAY_MINUTES), and the official mailbox, when configured, was read within
 * READY_MAILBOX_MAX_AGE_MINUTES.
 */
@Injectable()
export class Readiness {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly repo: HealthRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async database(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('database');
    try {
      const seconds = await withTimeout(this.repo.ping(), 3_000);
      return check.up({ ms: Math.round(seconds * 1000) });
    } catch (e) {
      return check.down({ message: (e as Error).message });
    }
  }

  async migrations(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('migrations');
    try {
      return (await withTimeout(this.repo.pendingMigrations(), 3_000)) ? check.down({ message: 'hay migraciones sin aplicar (npm run migrate)' }) : check.up();
    } catch (e) {
      return check.down({ message: (e as Error).message });
    }
  }

  async outbox(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('outbox');
    try {
      const s = await withTimeout(this.repo.outbox(), 3_000);
      const data = { due: s.due, oldestDueSeconds: s.oldestDueSeconds, held: s.byStatus.held ?? 0, failed: s.byStatus.failed ?? 0, failedAttemptsLastHour: s.failedAttemptsLastHour };
      const limit = this.config.READY_OUTBOX_MAX_DELAY_MINUTES * 60;
      if (limit > 0 && s.oldestDueSeconds > limit) return check.down({ ...data, message: `el mensaje pendiente más antiguo espera desde hace ${Math.round(s.oldestDueSeconds / 60)} min` });
      return check.up(data);
    } catch (e) {
      return check.down({ message: (e as Error).message });
    }
  }

  async mailbox(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('mailbox');
    const c = this.config;
    if (!(c.IMAP_HOST && c.IMAP_USER && c.IMAP_PASSWORD)) return check.up({ configured: false });
    try {
      const s = await withTimeout(this.repo.mailbox(c.IMAP_FOLDER), 3_000);
      const ageSeconds = s?.lastSuccessAt ? Math.round((Date.now() - new Date(s.lastSuccessAt).getTime()) / 1000) : null;
      const data = { configured: true, lastSuccessAt: s?.lastSuccessAt ?? null, ageSeconds, failures: s?.failures ?? 0 };
      const limit = c.READY_MAILBOX_MAX_AGE_MINUTES * 60;
      // A mailbox never read yet is fine for a while after start-up (its first round comes soon).
      const stale = limit > 0 && (ageSeconds === null ? process.uptime() > limit : ageSeconds > limit);
      if (stale) return check.down({ ...data, message: s?.lastError ? `el buzón no se ha podido leer: ${s.lastError}` : 'el buzón no se ha leído a tiempo' });
      return check.up(data);
    } catch (e) {
      return check.down({ message: (e as Error).message });
    }
  }
}
