import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FieldError } from '../common/forms';
import { canMoveCoverage, COVERAGE_STATUSES, CoverageStatus } from './agenda-kinds';
import { zonedToInstant, instantToZoned } from './agenda-time';
import { AgendaNotices } from './agenda-notices';
import { AgendaEvent } from './agenda-event.entity';
import { AgendaRepository } from './agenda.repository';
import { CoverageFormDto } from './dto/event.dto';
import { Inject } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';

/** The coverage plan: who covers which event with what, and the emails that tell them. */
@Injectable()
export class CoverageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AgendaRepository,
    private readonly audit: AuditService,
    private readonly notices: AgendaNotices,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  staff() {
    return this.repo.staffForCoverage();
  }

  forEvent(eventId: number) {
    return this.repo.coverages({ eventId });
  }

  mine(userId: number) {
    return this.repo.coverages({ assigneeId: userId, from: new Date(this.clock.now().getTime() - 7 * 86400_000) });
  }

  /** Assign a coverage; returns the other events the person already covers at that time (a warning, not a refusal). */
  async assign(eventId: number, dto: CoverageFormDto, actor: Actor, manager?: EntityManager): Promise<{ id: number; conflicts: { eventId: number; title: string; startsAt: Date }[] }> {
    const run = async (m: EntityManager) => {
      const event = await this.repo.findEvent(eventId, m);
      if (!event) throw new NotFoundException();
      if (event.status === 'cancelled' || event.status === 'proposed' || event.status === 'returned') throw new FieldError('assigneeId', 'agenda.validation.event_not_scheduled');
      const person = await this.repo.findUser(dto.assigneeId, m);
      if (!person || !person.active || person.role !== 'press') throw new FieldError('assigneeId', 'agenda.validation.assignee');
      let callAt: Date | null = null;
      if (dto.callTime) callAt = zonedToInstant(instantToZoned(event.startsAt, this.config.TIMEZONE).date, dto.callTime, this.config.TIMEZONE);
      const conflicts = await this.repo.overlapping(person.id, event.id, event.startsAt, event.endsAt, m);
      const c = await this.repo.saveCoverage({ eventId, type: dto.type, assigneeId: person.id, callAt, note: dto.note ?? null, status: 'assigned', assignedById: actor.userId }, m);
      await this.repo.addChange({ eventId, at: this.clock.now(), userId: actor.userId, actor: actor.label, action: 'coverage_assigned', reason: null, details: { coverageId: c.id, type: c.type, assignee: person.name, conflicts: conflicts.map((x) => x.eventId) } }, m);
      await this.audit.record(actor, { action: 'coverage.assign', entityType: 'coverage', entityId: c.id, details: { eventId, type: c.type, assigneeId: person.id, conflicts: conflicts.map((x) => x.eventId) } }, m);
      await this.notices.coverageNotice(m, 'assigned', person, event, c);
      return { id: c.id, conflicts };
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** Move a coverage along asignada → aceptada → en curso → entregada → completada (or cancelada). */
  async setStatus(coverageId: number, to: string, actor: Actor): Promise<number> {
    if (!(COVERAGE_STATUSES as readonly string[]).includes(to)) throw new BadRequestException();
    return this.dataSource.transaction(async (m) => {
      const c = await this.repo.findCoverage(coverageId, m);
      if (!c) throw new NotFoundException();
      // Only the assignee or the press office moves it; anyone assigned is press staff anyway.
      if (!canMoveCoverage(c.status, to as CoverageStatus)) throw new BadRequestException('agenda.validation.coverage_flow');
      const from = c.status;
      c.status = to as CoverageStatus;
      await this.repo.saveCoverage(c, m);
      await this.repo.addChange({ eventId: c.eventId, at: this.clock.now(), userId: actor.userId, actor: actor.label, action: 'coverage_status', reason: null, details: { coverageId: c.id, from, to } }, m);
      await this.audit.record(actor, { action: 'coverage.status', entityType: 'coverage', entityId: c.id, details: { from, to } }, m);
      return c.eventId;
    });
  }

  /** Tell everyone covering an event that it moved or was cancelled (inside the caller's transaction). */
  async notifyEventChanged(m: EntityManager, event: AgendaEvent, kind: 'moved' | 'cancelled'): Promise<number> {
    const list = (await this.repo.coverages({ eventId: event.id }, m)).filter((c) => c.status !== 'cancelled' && c.status !== 'completed');
    for (const c of list) {
      await this.notices.coverageNotice(m, kind, { email: c.assigneeEmail, name: c.assigneeName }, event, { id: c.id, type: c.type, note: c.note, callAt: c.callAt });
    }
    return list.length;
  }
}
