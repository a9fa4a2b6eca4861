import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { addBusinessDays, isBusinessDay } from '../departments/business-days';
import { DepartmentsRepository } from '../departments/departments.repository';
import { Scheduler } from '../jobs/scheduler';
import { OutboxService } from '../notifications/outbox.service';
import { digestEmail } from './case-emails';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { SOON_DAYS } from './inbox.service';
import { localHour } from '../common/local-time';

/**
 * Each business-day morning, the liaisons and the head of each department get one email
 * listing their overdue and soon-due cases. `sendDaily()` is what the scheduler's "digest" job
 * calls every 10 minutes (once across all instances); tests call it directly. A day is also
 * claimed in the database, so the digests of a day are sent once.
 */
@Injectable()
export class DigestService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: CasesRepository,
    private readonly cases: CasesService,
    private readonly departments: DepartmentsRepository,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly scheduler: Scheduler,
  ) {}

  onModuleInit() {
    this.scheduler.define({ name: 'digest', everyMs: this.config.NODE_ENV === 'test' ? 0 : 10 * 60_000, run: () => this.tick() });
  }

  private async tick(): Promise<number> {
    const hour = localHour(this.clock.now(), this.config.TIMEZONE);
    if (hour < this.config.DIGEST_HOUR) return 0;
    return this.sendDaily();
  }

  /** Send today's digests (once a day, business days only). Returns how many emails were queued. */
  async sendDaily(day: string = this.cases.today()): Promise<number> {
    const holidays = await this.departments.holidaySet(day);
    if (!isBusinessDay(day, holidays)) return 0;
    const soon = addBusinessDays(day, SOON_DAYS, holidays);
    const departments = await this.repo.departmentsWithDueCases(soon);
    const plans: { to: string; departmentName: string; overdue: { folio: string; excerpt: string; dueDate: string }[]; soon: { folio: string; excerpt: string; dueDate: string }[] }[] = [];
    for (const d of departments) {
      const due = await this.repo.dueForDigest(d.id, soon);
      const overdue = due.filter((c) => c.dueDate < day);
      const upcoming = due.filter((c) => c.dueDate >= day);
      const recipients = new Set<string>((await this.repo.usersOf(d.id)).map((u) => u.email.toLowerCase()));
      if (d.email) recipients.add(d.email.toLowerCase());
      for (const to of recipients) plans.push({ to, departmentName: d.name, overdue, soon: upcoming });
    }
    return this.dataSource.transaction(async (m) => {
      if (!(await this.repo.claimDigestDay(day, m))) return 0;
      for (const p of plans) await this.outbox.enqueueEmail(m, digestEmail(this.cases.mail, p.to, { ...p, day }), `digest:${day}`);
      await this.audit.record(SYSTEM_ACTOR, { action: 'case.digest', entityType: 'digest', entityId: day, details: { emails: plans.length, departments: departments.length } }, m);
      return plans.length;
    });
  }
}
