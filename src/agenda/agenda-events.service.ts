import { ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FieldError } from '../common/forms';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EventStatus } from './agenda-kinds';
import { addDays, instantToZoned, zonedToInstant } from './agenda-time';
import { AgendaEvent } from './agenda-event.entity';
import { AgendaRepository, EventFilter, EventRow } from './agenda.repository';
import { CoverageService } from './coverage.service';
import { EventFormDto, PostponeFormDto } from './dto/event.dto';
import { buildRule, expand, RecurrenceError, splitRule } from './recurrence';
import { dayOrder } from './day-order';

interface Schedule {
  startDate: string;
  startTime: string;
  startsAt: Date;
  endsAt: Date;
  durationMs: number;
}

/** Where the agenda's events come from and how they change: the press office, the mayor's office, the liaisons' proposals. */
@Injectable()
export class AgendaEventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AgendaRepository,
    private readonly audit: AuditService,
    private readonly coverage: CoverageService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get tz() {
    return this.config.TIMEZONE;
  }

  today(): string {
    return instantToZoned(this.clock.now(), this.tz).date;
  }

  local(d: Date) {
    return instantToZoned(new Date(d), this.tz);
  }

  private schedule(dto: EventFormDto): Schedule {
    const startTime = dto.allDay ? '00:00' : dto.startTime;
    const endDate = dto.endDate ?? dto.startDate;
    const endTime = dto.allDay ? '23:59' : dto.endTime;
    const startsAt = zonedToInstant(dto.startDate, startTime, this.tz);
    const endsAt = zonedToInstant(endDate, endTime, this.tz);
    if (endsAt.getTime() < startsAt.getTime()) throw new FieldError(dto.allDay || endDate !== dto.startDate ? 'endDate' : 'endTime', 'agenda.validation.end_before_start');
    return { startDate: dto.startDate, startTime, startsAt, endsAt, durationMs: endsAt.getTime() - startsAt.getTime() };
  }

  private rule(dto: EventFormDto): string | null {
    if (dto.repeat === 'none') return null;
    try {
      return buildRule({ freq: dto.repeat as 'daily' | 'weekly' | 'monthly', interval: dto.interval ?? 1, byWeekday: dto.byWeekday, count: dto.count, until: dto.until });
    } catch (e) {
      if (e instanceof RecurrenceError) throw new FieldError('repeat', e.key);
      throw e;
    }
  }

  private occurrences(rule: string, s: Schedule) {
    try {
      return expand(rule, s.startDate, s.startTime);
    } catch (e) {
      if (e instanceof RecurrenceError) throw new FieldError('repeat', e.key);
      throw e;
    }
  }

  private fields(dto: EventFormDto) {
    return {
      title: dto.title,
      description: dto.description ?? null,
      allDay: dto.allDay,
      place: dto.place ?? null,
      address: dto.address ?? null,
      departmentId: dto.departmentId,
      kind: dto.kind,
      isPublic: dto.isPublic,
      importance: dto.importance,
      notes: dto.notes ?? null,
    };
  }

  private async checkDepartment(dto: EventFormDto, actor: Actor, m: EntityManager) {
    if (actor.role === 'liaison' && dto.departmentId !== actor.departmentId) throw new FieldError('departmentId', 'agenda.validation.liaison_department');
    if (!(await this.repo.activeDepartment(dto.departmentId, m))) throw new FieldError('departmentId', 'agenda.validation.unknown_department');
  }

  private change(m: EntityManager, eventId: number, actor: Actor, action: string, reason: string | null = null, details: Record<string, unknown> = {}) {
    return this.repo.addChange({ eventId, at: this.clock.now(), userId: actor.userId, actor: actor.label, action, reason, details }, m);
  }

  /** Create an event (or a series of them). A liaison's event is a proposal the press office accepts or returns. */
  async create(dto: EventFormDto, actor: Actor, opts: { proposal?: boolean; externalUid?: string } = {}, manager?: EntityManager): Promise<number> {
    const run = async (m: EntityManager) => {
      await this.checkDepartment(dto, actor, m);
      const s = this.schedule(dto);
      const rule = this.rule(dto);
      const status: EventStatus = opts.proposal ? 'proposed' : 'scheduled';
      let seriesId: number | null = null;
      let dates = [{ date: s.startDate, time: s.startTime }];
      if (rule) {
        dates = this.occurrences(rule, s);
        seriesId = (await this.repo.saveSeries({ rule, startDate: s.startDate, startTime: s.startTime }, m)).id;
      }
      const ids: number[] = [];
      for (const [i, o] of dates.entries()) {
        const startsAt = zonedToInstant(o.date, o.time, this.tz);
        // An imported series: the first occurrence keeps the file's UID (what a second import
        // looks for), the others carry it with their date (the column is unique).
        const externalUid = opts.externalUid ? (i === 0 ? opts.externalUid : `${opts.externalUid.slice(0, 240)}#${o.date}`) : null;
        const e = await this.repo.saveEvent(
          { ...this.fields(dto), startsAt, endsAt: new Date(startsAt.getTime() + s.durationMs), status, seriesId, externalUid, proposedById: opts.proposal ? actor.userId : null, createdById: actor.userId },
          m,
        );
        ids.push(e.id);
        await this.change(m, e.id, actor, opts.proposal ? 'proposed' : 'created', null, seriesId ? { seriesId } : {});
      }
      await this.audit.record(actor, { action: opts.proposal ? 'agenda.propose' : 'agenda.create', entityType: 'agenda_event', entityId: ids[0], details: { title: dto.title, occurrences: ids.length, rule } }, m);
      return ids[0];
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async get(id: number): Promise<AgendaEvent> {
    const e = await this.repo.findEvent(id);
    if (!e) throw new NotFoundException();
    return e;
  }

  row(id: number, manager?: EntityManager) {
    return this.repo.eventRow(id, manager);
  }

  series(id: number) {
    return this.repo.findSeries(id);
  }

  /** May this person edit this event? Liaisons only their own department's proposals not yet accepted. */
  canEdit(e: AgendaEvent, actor: Actor): boolean {
    if (actor.role === 'press' || actor.role === 'director') return e.status !== 'cancelled';
    if (actor.role === 'liaison') return e.departmentId === actor.departmentId && (e.status === 'proposed' || e.status === 'returned');
    return false;
  }

  /** Edit one occurrence, it and the following ones, or the whole series. */
  async update(id: number, dto: EventFormDto, actor: Actor): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const event = await this.repo.findEvent(id, m);
      if (!event) throw new NotFoundException();
      if (!this.canEdit(event, actor)) throw new ForbiddenException();
      await this.checkDepartment(dto, actor, m);
      const s = this.schedule(dto);
      const fields = this.fields(dto);
      const resubmit = actor.role === 'liaison' && event.status === 'returned';

      if (!event.seriesId || dto.scope === 'this') {
        await this.applyOne(m, event, fields, s.startsAt, s.endsAt, actor, { detach: !!event.seriesId, resubmit });
        const rule = event.seriesId ? null : this.rule(dto);
        if (rule) {
          // A single event becomes the first of a series.
          const series = await this.repo.saveSeries({ rule, startDate: s.startDate, startTime: s.startTime }, m);
          event.seriesId = series.id;
          await this.repo.saveEvent(event, m);
          for (const o of this.occurrences(rule, s).slice(1)) {
            const startsAt = zonedToInstant(o.date, o.time, this.tz);
            const e = await this.repo.saveEvent({ ...fields, startsAt, endsAt: new Date(startsAt.getTime() + s.durationMs), status: event.status, seriesId: series.id, createdById: actor.userId, proposedById: event.proposedById }, m);
            await this.change(m, e.id, actor, 'created', null, { seriesId: series.id });
          }
        }
        await this.audit.record(actor, { action: 'agenda.update', entityType: 'agenda_event', entityId: id, details: { scope: 'this', title: fields.title } }, m);
        return id;
      }

      const series = await this.repo.findSeries(event.seriesId, m);
      const all = await this.repo.seriesEvents(event.seriesId, m);
      const pivot = dto.scope === 'all' ? all[0] : event;
      const targets = all.filter((e) => e.startsAt.getTime() >= pivot.startsAt.getTime() && (!e.detached || e.id === event.id));
      const newRule = this.rule(dto);
      const dayShift = Math.round((Date.parse(`${dto.startDate}T00:00:00Z`) - Date.parse(`${this.local(event.startsAt).date}T00:00:00Z`)) / 86400_000);
      const pivotDate = addDays(this.local(pivot.startsAt).date, dayShift);

      if (series && newRule && newRule !== series.rule) {
        // A new rule: the old series ends before the pivot; a new one starts there.
        const { before } = splitRule(series.rule, series.startDate, series.startTime, this.local(pivot.startsAt).date);
        if (before) {
          series.rule = before;
          await this.repo.saveSeries(series, m);
        }
        const withWork = await this.repo.eventIdsWithWork(targets.map((e) => e.id), m);
        await this.repo.deleteEvents(targets.filter((e) => !withWork.has(e.id)).map((e) => e.id), m);
        const kept = targets.filter((e) => withWork.has(e.id));
        for (const k of kept) {
          k.detached = true;
          await this.repo.saveEvent(k, m);
        }
        const keptDates = new Set(kept.map((k) => this.local(k.startsAt).date));
        const start = { ...s, startDate: pivotDate };
        const fresh = await this.repo.saveSeries({ rule: newRule, startDate: pivotDate, startTime: s.startTime }, m);
        let first = kept[0]?.id ?? 0;
        for (const o of this.occurrences(newRule, start)) {
          if (keptDates.has(o.date)) continue;
          const startsAt = zonedToInstant(o.date, o.time, this.tz);
          const e = await this.repo.saveEvent({ ...fields, startsAt, endsAt: new Date(startsAt.getTime() + s.durationMs), status: pivot.status, seriesId: fresh.id, createdById: actor.userId }, m);
          first ||= e.id;
          await this.change(m, e.id, actor, 'created', null, { seriesId: fresh.id, replaces: series.id });
        }
        await this.audit.record(actor, { action: 'agenda.update', entityType: 'agenda_event', entityId: id, details: { scope: dto.scope, rule: newRule, replacedSeries: series.id, newSeries: fresh.id } }, m);
        return first || id;
      }

      for (const e of targets) {
        const date = addDays(this.local(e.startsAt).date, dayShift);
        const startsAt = zonedToInstant(date, s.startTime, this.tz);
        await this.applyOne(m, e, fields, startsAt, new Date(startsAt.getTime() + s.durationMs), actor, { detach: false, resubmit: false });
      }
      await this.audit.record(actor, { action: 'agenda.update', entityType: 'agenda_event', entityId: id, details: { scope: dto.scope, occurrences: targets.length } }, m);
      return id;
    });
  }

  private async applyOne(m: EntityManager, e: AgendaEvent, fields: ReturnType<AgendaEventsService['fields']>, startsAt: Date, endsAt: Date, actor: Actor, opts: { detach: boolean; resubmit: boolean }) {
    const before = { ...e };
    const moved = e.startsAt.getTime() !== startsAt.getTime() || e.endsAt.getTime() !== endsAt.getTime();
    Object.assign(e, fields, { startsAt, endsAt });
    if (opts.detach) e.detached = true;
    if (moved) {
      e.sequence += 1;
      if (this.local(before.startsAt).date !== this.local(startsAt).date) e.dayRank = 0;
    }
    if (opts.resubmit) {
      e.status = 'proposed';
      e.statusReason = null;
    }
    await this.repo.saveEvent(e, m);
    const changed = Object.fromEntries(
      (Object.keys(fields) as (keyof typeof fields)[]).filter((k) => String(before[k] ?? '') !== String(fields[k] ?? '')).map((k) => [k, { from: before[k] ?? null, to: fields[k] ?? null }]),
    );
    if (moved) Object.assign(changed, { startsAt: { from: before.startsAt, to: startsAt }, endsAt: { from: before.endsAt, to: endsAt } });
    await this.change(m, e.id, actor, opts.resubmit ? 'resubmitted' : 'updated', null, { changed });
    if (moved && e.status === 'scheduled') await this.coverage.notifyEventChanged(m, e, 'moved');
  }

  async accept(id: number, actor: Actor, manager?: EntityManager): Promise<void> {
    const run = async (m: EntityManager) => {
      const e = await this.repo.findEvent(id, m);
      if (!e) throw new NotFoundException();
      if (e.status !== 'proposed') throw new FieldError('status', 'agenda.validation.not_a_proposal');
      e.status = 'scheduled';
      e.statusReason = null;
      await this.repo.saveEvent(e, m);
      await this.change(m, id, actor, 'accepted');
      await this.audit.record(actor, { action: 'agenda.accept', entityType: 'agenda_event', entityId: id }, m);
    };
    await (manager ? run(manager) : this.dataSource.transaction(run));
  }

  async returnProposal(id: number, reason: string, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const e = await this.repo.findEvent(id, m);
      if (!e) throw new NotFoundException();
      if (e.status !== 'proposed') throw new FieldError('reason', 'agenda.validation.not_a_proposal');
      e.status = 'returned';
      e.statusReason = reason;
      await this.repo.saveEvent(e, m);
      await this.change(m, id, actor, 'returned', reason);
      await this.audit.record(actor, { action: 'agenda.return', entityType: 'agenda_event', entityId: id, details: { reason } }, m);
    });
  }

  /** Postpone to a new date (the event moves) or without one yet (status "pospuesto"). */
  async postpone(id: number, dto: PostponeFormDto, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const e = await this.repo.findEvent(id, m);
      if (!e) throw new NotFoundException();
      if (e.status !== 'scheduled' && e.status !== 'postponed') throw new FieldError('reason', 'agenda.validation.not_scheduled');
      const from = { startsAt: e.startsAt, endsAt: e.endsAt };
      if (dto.newDate) {
        const startsAt = zonedToInstant(dto.newDate, dto.newTime ?? this.local(e.startsAt).time, this.tz);
        if (startsAt.getTime() < this.clock.now().getTime() - 3600_000) throw new FieldError('newDate', 'agenda.validation.postpone_past');
        e.endsAt = new Date(startsAt.getTime() + (e.endsAt.getTime() - e.startsAt.getTime()));
        e.startsAt = startsAt;
        e.status = 'scheduled';
        e.dayRank = 0;
      } else {
        e.status = 'postponed';
      }
      e.statusReason = dto.reason;
      e.sequence += 1;
      if (e.seriesId) e.detached = true;
      await this.repo.saveEvent(e, m);
      await this.change(m, id, actor, 'postponed', dto.reason, { from, to: dto.newDate ? { startsAt: e.startsAt, endsAt: e.endsAt } : null });
      await this.audit.record(actor, { action: 'agenda.postpone', entityType: 'agenda_event', entityId: id, details: { reason: dto.reason, newDate: dto.newDate ?? null } }, m);
      await this.coverage.notifyEventChanged(m, e, 'moved');
    });
  }

  async cancel(id: number, reason: string, actor: Actor, manager?: EntityManager): Promise<void> {
    const run = async (m: EntityManager) => {
      const e = await this.repo.findEvent(id, m);
      if (!e) throw new NotFoundException();
      if (e.status === 'cancelled') throw new FieldError('reason', 'agenda.validation.already_cancelled');
      const wasScheduled = e.status === 'scheduled' || e.status === 'postponed';
      e.status = 'cancelled';
      e.statusReason = reason;
      e.sequence += 1;
      if (e.seriesId) e.detached = true;
      await this.repo.saveEvent(e, m);
      await this.change(m, id, actor, 'cancelled', reason);
      await this.audit.record(actor, { action: 'agenda.cancel', entityType: 'agenda_event', entityId: id, details: { reason } }, m);
      if (wasScheduled) await this.coverage.notifyEventChanged(m, e, 'cancelled');
    };
    await (manager ? run(manager) : this.dataSource.transaction(run));
  }

  // Views
  private dayBounds(date: string) {
    return { from: zonedToInstant(date, '00:00', this.tz), to: zonedToInstant(addDays(date, 1), '00:00', this.tz) };
  }

  /** The day's events in order: the office's manual ranking kept, events added since placed by importance (day-order.ts). */
  async day(date: string, manager?: EntityManager): Promise<EventRow[]> {
    const { from, to } = this.dayBounds(date);
    const rows = (await this.repo.events({ from, to, statuses: ['scheduled', 'postponed', 'cancelled'] }, manager)).filter((r) => this.local(r.startsAt).date === date || r.allDay);
    return dayOrder(rows);
  }

  /** Move an event one place up or down in its day's ranking; the whole day's order is then kept. */
  async move(id: number, direction: 'up' | 'down', actor: Actor, manager?: EntityManager): Promise<string> {
    const run = async (m: EntityManager) => {
      const e = await this.repo.findEvent(id, m);
      if (!e) throw new NotFoundException();
      const date = this.local(e.startsAt).date;
      const order = (await this.day(date, m)).filter((r) => r.status !== 'cancelled').map((r) => r.id);
      const i = order.indexOf(id);
      const j = direction === 'up' ? i - 1 : i + 1;
      if (i >= 0 && j >= 0 && j < order.length) [order[i], order[j]] = [order[j], order[i]];
      await this.repo.setRanks(order, m);
      await this.change(m, id, actor, 'ranked', null, { date, position: order.indexOf(id) + 1 });
      await this.audit.record(actor, { action: 'agenda.rank', entityType: 'agenda_event', entityId: id, details: { date, order } }, m);
      return date;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  range(fromDate: string, toDateExclusive: string, filter: Omit<EventFilter, 'from' | 'to'> = {}) {
    return this.repo.events({ ...filter, from: zonedToInstant(fromDate, '00:00', this.tz), to: zonedToInstant(toDateExclusive, '00:00', this.tz) });
  }

  list(filter: EventFilter) {
    return this.repo.events(filter);
  }

  departments() {
    return this.repo.activeDepartments();
  }

  history(id: number) {
    return this.repo.changes(id);
  }
}
