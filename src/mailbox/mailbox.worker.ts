import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Job, Scheduler } from '../jobs/scheduler';
import { mailboxBackoffMs } from './backoff';
import { ImapReader } from './imap-reader';
import { IntakeOutcome, MailboxIntake } from './mailbox-intake.service';
import { MailboxRepository } from './mailbox.repository';

export interface MailboxRun {
  ok: boolean;
  fetched: number;
  outcomes: Partial<Record<IntakeOutcome, number>>;
  error?: string;
}

/**
 * Reads the official mailbox every IMAP_POLL_MS (a minute by default), once per period across
 * all instances (the scheduler's "mailbox" job: one instance downloads, the others skip). A
 * failed try is recorded (shown to staff on /correo) and the next one waits longer
 * (backoff.ts); nothing it does can throw into the process. Tests and the "Revisar ahora"
 * button call fetchNow(), which waits for a round running on another instance to end first.
 */
@Injectable()
export class MailboxWorker implements OnModuleInit {
  private readonly logger = new Logger('MailboxWorker');
  private job!: Job<MailboxRun | undefined>;

  constructor(
    private readonly reader: ImapReader,
    private readonly intake: MailboxIntake,
    private readonly repo: MailboxRepository,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get configured(): boolean {
    return this.reader.configured;
  }

  get folder(): string {
    return this.reader.folder;
  }

  onModuleInit() {
    const on = this.reader.configured && this.config.IMAP_POLL_MS > 0;
    this.job = this.scheduler.define<MailboxRun | undefined>({
      name: 'mailbox',
      everyMs: on ? this.config.IMAP_POLL_MS : 0,
      firstAfterMs: Math.min(2_000, this.config.IMAP_POLL_MS),
      run: () => this.tick(),
    });
  }

  /** The timer's round: skipped while the backoff after a failure lasts. */
  async tick(): Promise<MailboxRun | undefined> {
    try {
      const sync = await this.repo.sync(this.reader.folder);
      if (sync?.nextAttemptAt && sync.nextAttemptAt.getTime() > this.clock.now().getTime()) return undefined;
      return await this.round();
    } catch (e) {
      this.logger.warn(`ronda del buzón falló: ${(e as Error).message}`);
      return undefined;
    }
  }

  /** Read what is new now (concurrent callers share one round, on this instance or another). Never throws. */
  async fetchNow(): Promise<MailboxRun> {
    if (!this.reader.configured) return { ok: false, fetched: 0, outcomes: {}, error: 'not_configured' };
    try {
      return (await this.job.runNow(60_000, () => this.round())) ?? { ok: false, fetched: 0, outcomes: {}, error: 'busy' };
    } catch (e) {
      return { ok: false, fetched: 0, outcomes: {}, error: (e as Error).message };
    }
  }

  private async round(): Promise<MailboxRun> {
    const run: MailboxRun = { ok: false, fetched: 0, outcomes: {} };
    if (!this.reader.configured) return { ...run, error: 'not_configured' };
    const folder = this.reader.folder;
    try {
      const sync = await this.repo.sync(folder);
      const { fetched } = await this.reader.read({ uidValidity: sync?.uidValidity ?? null, lastUid: Number(sync?.lastUid ?? 0) }, async (uidValidity, message) => {
        let outcome: IntakeOutcome;
        try {
          outcome = await this.intake.ingest(folder, uidValidity, message);
        } catch (e) {
          // One bad message must not block the ones after it (if the database is down, this throws too and the round fails).
          await this.intake.recordUnreadable(folder, uidValidity, message, (e as Error)?.message ?? String(e));
          outcome = 'unreadable';
        }
        run.outcomes[outcome] = (run.outcomes[outcome] ?? 0) + 1;
      });
      run.fetched = fetched;
      run.ok = true;
      await this.repo.saveSync(folder, { lastSuccessAt: this.clock.now(), failures: 0, nextAttemptAt: null, lastError: null });
    } catch (e) {
      const message = ((e as Error)?.message ?? String(e)).slice(0, 1000);
      run.error = message;
      try {
        const failures = ((await this.repo.sync(folder))?.failures ?? 0) + 1;
        const now = this.clock.now();
        await this.repo.saveSync(folder, { failures, lastError: message, lastErrorAt: now, nextAttemptAt: new Date(now.getTime() + mailboxBackoffMs(failures)) });
        this.logger.warn(`no se pudo leer el buzón (intento fallido ${failures}): ${message}`);
      } catch (inner) {
        this.logger.error(`no se pudo registrar la falla del buzón: ${(inner as Error).message}`);
      }
    }
    return run;
  }
}
