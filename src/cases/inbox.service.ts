import { Inject, Injectable } from '@nestjs/common';
import { isCalendarDate } from '../common/calendar-date';
import { APP_CONFIG, AppConfig } from '../config/config';
import { addBusinessDays, businessDaysBetween } from '../departments/business-days';
import { DepartmentsRepository } from '../departments/departments.repository';
import { CaseActor } from './case-actor';
import { normalizeFolio } from './case-codes';
import { CASE_STATUSES, isCaseStatus, isOpen } from './case-status';
import { CASE_TYPES, CHANNELS } from './case.entity';
import { CasesRepository, InboxFilter, InboxRow, InboxSort, SEARCH_COUNT_CAP } from './cases.repository';
import { CasesService } from './cases.service';
import { HIDDEN_FROM_LIAISON } from './case-work.service';

/** Business days ahead within which an open case counts as "por vencer". */
export const SOON_DAYS = 2;
export const PAGE_SIZE = 25;

export const VIEWS = ['sin_asignar', 'mios', 'vencidos', 'por_vencer'] as const;
export type InboxView = (typeof VIEWS)[number];

/** The query string of the inbox (Spanish names, as people share these addresses). */
export interface InboxQuery {
  vista?: string; estado?: string; tipo?: string; categoria?: string; dependencia?: string; asignado?: string; canal?: string;
  localidad?: string; plazo?: string; desde?: string; hasta?: string; q?: string; orden?: string; despues?: string;
}

export type DeadlineState = 'overdue' | 'soon' | 'ok' | 'done';

/** How a deadline stands: overdue, due within SOON_DAYS business days, fine, or no longer relevant. */
export function deadlineState(open: boolean, daysLeft: number): DeadlineState {
  if (!open) return 'done';
  if (daysLeft < 0) return 'overdue';
  if (daysLeft <= SOON_DAYS) return 'soon';
  return 'ok';
}

const id = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
const day = (v: unknown) => (isCalendarDate(v) ? v : undefined); // 2026-02-30 would reach PostgreSQL and fail

@Injectable()
export class InboxService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: CasesRepository,
    private readonly cases: CasesService,
    private readonly departments: DepartmentsRepository,
  ) {}

  async context() {
    const today = this.cases.today();
    const holidays = await this.departments.holidaySet(today);
    const soon = addBusinessDays(today, SOON_DAYS, holidays);
    return { today, soon, tz: this.config.TIMEZONE, holidays };
  }

  /** The filter from the query string, narrowed to what this person may see. */
  filterFrom(q: InboxQuery, by: CaseActor): { filter: InboxFilter; sort: InboxSort; view?: InboxView } {
    const f: InboxFilter = {};
    const view = VIEWS.includes(q.vista as InboxView) ? (q.vista as InboxView) : undefined;
    if (isCaseStatus(q.estado)) f.status = q.estado;
    if (q.estado === 'abiertos') f.openOnly = true;
    if ((CASE_TYPES as readonly string[]).includes(q.tipo ?? '')) f.type = q.tipo;
    if ((CHANNELS as readonly string[]).includes(q.canal ?? '')) f.channel = q.canal;
    f.categoryId = id(q.categoria);
    f.departmentId = id(q.dependencia);
    if (q.asignado === 'nadie') f.unassigned = true;
    else f.assigneeId = id(q.asignado);
    if (typeof q.localidad === 'string' && q.localidad.trim()) f.locality = q.localidad.trim().slice(0, 120);
    if (q.plazo === 'vencidos') f.overdue = true;
    if (q.plazo === 'por_vencer') f.dueSoon = true;
    f.from = day(q.desde);
    f.to = day(q.hasta);
    if (typeof q.q === 'string' && q.q.trim()) {
      const folio = normalizeFolio(q.q);
      if (folio) f.folio = folio;
      else f.q = q.q.trim().slice(0, 200);
    }
    if (view === 'sin_asignar') f.unassigned = true;
    if (view === 'mios') f.assigneeId = by.userId ?? -1;
    if (view === 'vencidos') f.overdue = true;
    if (view === 'por_vencer') f.dueSoon = true;
    if (by.role === 'liaison') {
      f.departmentId = by.departmentId ?? -1;
      if (f.status && HIDDEN_FROM_LIAISON.includes(f.status as never)) f.status = 'none';
      f.liaisonScope = true;
    }
    const sort: InboxSort = q.orden === 'plazo' ? 'deadline' : q.orden === 'prioridad' ? 'priority' : q.orden === 'relevancia' && f.q ? 'relevance' : 'date';
    return { filter: f, sort, view };
  }

  async page(q: InboxQuery, by: CaseActor) {
    const ctx = await this.context();
    const { filter, sort, view } = this.filterFrom(q, by);
    const after = typeof q.despues === 'string' && q.despues.length < 100 ? q.despues : null;
    const rows = await this.repo.inbox(filter, sort, after, PAGE_SIZE + 1, ctx);
    const counts = await this.repo.countByStatus(filter, ctx);
    const more = rows.length > PAGE_SIZE;
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    const items = rows.slice(0, PAGE_SIZE).map((r) => this.decorate(r, ctx.today, ctx.holidays));
    return {
      items,
      next: more ? items[items.length - 1].sortKey : null,
      counts: CASE_STATUSES.filter((s) => by.role !== 'liaison' || !HIDDEN_FROM_LIAISON.includes(s)).map((s) => ({ value: s, label: `cases.status.${s}`, count: counts[s] ?? 0 })),
      total,
      /** A text search with more matches than the cap: the counts by status are not shown. */
      countsCapped: !!filter.q && total > SEARCH_COUNT_CAP ? SEARCH_COUNT_CAP : null,
      filter,
      sort,
      view,
    };
  }

  decorate(r: InboxRow, today: string, holidays: ReadonlySet<string>) {
    const open = isOpen(r.status as never);
    const daysLeft = businessDaysBetween(today, r.dueDate, holidays);
    return { ...r, daysLeft, overdueDays: -daysLeft, deadline: deadlineState(open, daysLeft), statusLabel: `cases.status.${r.status}`, typeLabel: `cases.type.${r.type}`, priorityLabel: `cases.priority.${r.priority}`, channelLabel: `cases.channel.${r.channel}` };
  }

  async daysLeft(dueDate: string, status: string) {
    const ctx = await this.context();
    const daysLeft = businessDaysBetween(ctx.today, dueDate, ctx.holidays);
    return { daysLeft, overdueDays: -daysLeft, deadline: deadlineState(isOpen(status as never), daysLeft) };
  }

  /** Every row of a filter, in pages, for the exports (keyset, never OFFSET). */
  async *all(q: InboxQuery, by: CaseActor, max = 100_000): AsyncGenerator<ReturnType<InboxService['decorate']>> {
    const ctx = await this.context();
    const { filter } = this.filterFrom(q, by);
    let after: string | null = null;
    let n = 0;
    for (;;) {
      const rows = await this.repo.inbox(filter, 'date', after, 500, ctx);
      for (const r of rows) {
        yield this.decorate(r, ctx.today, ctx.holidays);
        if (++n >= max) return;
      }
      if (rows.length < 500) return;
      after = rows[rows.length - 1].sortKey;
    }
  }
}
