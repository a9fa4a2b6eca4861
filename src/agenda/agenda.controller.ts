/// <reference types="multer" />
import { Body, Controller, ForbiddenException, Get, NotFoundException, Param, ParseIntPipe, Post, Query, Req, Res, UploadedFiles } from '@nestjs/common';
import { MultipartForm } from '../common/csrf';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { Actor, actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { parseForm } from '../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { sendStoredFile, userFileHeaders } from '../common/user-files';
import { FileStorage } from '../storage/file-storage';
import { COVERAGE_FLOW, COVERAGE_TYPES, CoverageStatus, EVENT_KINDS, EVENT_STATUSES } from './agenda-kinds';
import { addDays, isIsoDate, monthGrid, weekStart } from './agenda-time';
import { AgendaEventsService } from './agenda-events.service';
import { AgendaRouteService } from './agenda-route.service';
import { EventRow } from './agenda.repository';
import { CoverageService } from './coverage.service';
import { CoverageFormDto, EventFormDto, PostponeFormDto, ReasonFormDto } from './dto/event.dto';
import { EventAttachmentsService, MAX_ATTACHMENT_BYTES } from './event-attachments.service';
import { parseRule, WEEKDAY_CODES } from './recurrence';
import { StepState } from './route';

const int = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

/** /agenda: the day (ranked), week, month and list; events, proposals, daily route and coverage plan. */
@Controller('agenda')
export class AgendaController {
  constructor(
    private readonly events: AgendaEventsService,
    private readonly route: AgendaRouteService,
    private readonly coverage: CoverageService,
    private readonly attachments: EventAttachmentsService,
    private readonly storage: FileStorage,
  ) {}

  private view(r: EventRow, route?: StepState[]) {
    const local = this.events.local(r.startsAt);
    const localEnd = this.events.local(r.endsAt);
    return {
      ...plain(r),
      date: local.date,
      time: r.allDay ? null : local.time,
      endTime: r.allDay ? null : localEnd.time,
      kindLabel: `agenda.kind.${r.kind}`,
      statusLabel: `agenda.status.${r.status}`,
      cancelled: r.status === 'cancelled',
      route: route?.map((s) => ({ ...plain(s), label: `agenda.route.${s.step}` })),
      behind: route ? route.filter((s) => s.late).length : 0,
    };
  }

  private async departments() {
    return this.events.departments();
  }

  private async formModel(extra: Record<string, unknown>, actor: Actor) {
    const deps = await this.departments();
    return {
      departmentOptions: deps.filter((d) => actor.role !== 'liaison' || d.id === actor.departmentId).map((d) => ({ value: d.id, labelText: d.name })),
      kindOptions: EVENT_KINDS.map((k) => ({ value: k, label: `agenda.kind.${k}` })),
      importanceOptions: [5, 4, 3, 2, 1].map((n) => ({ value: n, label: `agenda.importance.${n}` })),
      repeatOptions: ['none', 'daily', 'weekly', 'monthly'].map((v) => ({ value: v, label: `agenda.repeat.${v}` })),
      weekdays: WEEKDAY_CODES.map((c, i) => ({ value: i, label: `agenda.weekday.${c}` })),
      isLiaison: actor.role === 'liaison',
      ...extra,
    };
  }

  // Day view (what opens first, on a phone too)
  @Get()
  @Roles('press', 'director', 'liaison')
  async day(@Query('dia') dia: string | undefined, @Req() req: Request, @Res() res: Response) {
    if (actorFrom(req).role === 'liaison') return res.redirect(303, '/agenda/propuestas');
    const date = isIsoDate(dia) ? dia : this.events.today();
    const rows = await this.events.day(date);
    const states = await this.route.states(rows.filter((r) => r.isPublic && r.status === 'scheduled'));
    const items = rows.map((r, i) => ({ ...this.view(r, states.get(r.id)), position: i + 1, first: i === 0, last: i === rows.length - 1 }));
    // Proposals are the press office's to review: only it is told of them (the director cannot open /agenda/propuestas).
    const pending = actorFrom(req).role === 'press' ? (await this.events.list({ status: 'proposed', limit: 50 })).length : 0;
    render(res, 'agenda/day', {
      title: 'agenda.day.title',
      tab: 'day',
      date,
      prev: addDays(date, -1),
      next: addDays(date, 1),
      isToday: date === this.events.today(),
      events: items,
      behindTotal: items.reduce((n, e) => n + e.behind, 0),
      pendingProposals: pending,
      canRank: actorFrom(req).role === 'press',
    });
  }

  @Post('eventos/:id/orden')
  @Roles('press')
  async rank(@Param('id', ParseIntPipe) id: number, @Body('direction') direction: string, @Req() req: Request, @Res() res: Response) {
    const date = await this.events.move(id, direction === 'up' ? 'up' : 'down', actorFrom(req));
    res.redirect(303, `/agenda?dia=${date}#evento-${id}`);
  }

  @Get('semana')
  @Roles('press', 'director')
  async week(@Query('desde') desde: string | undefined, @Res() res: Response) {
    const start = weekStart(isIsoDate(desde) ? desde : this.events.today());
    const rows = (await this.events.range(start, addDays(start, 7), { statuses: ['scheduled', 'postponed', 'cancelled'] })).map((r) => this.view(r));
    const days = Array.from({ length: 7 }, (_, i) => addDays(start, i)).map((d) => ({ date: d, isToday: d === this.events.today(), events: rows.filter((r) => r.date === d) }));
    render(res, 'agenda/week', { title: 'agenda.week.title', tab: 'week', start, prev: addDays(start, -7), next: addDays(start, 7), days });
  }

  @Get('mes')
  @Roles('press', 'director')
  async month(@Query('mes') mes: string | undefined, @Res() res: Response) {
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(mes ?? '') ? mes! : this.events.today().slice(0, 7);
    const grid = monthGrid(month);
    const first = grid[0][0];
    const rows = (await this.events.range(first, addDays(grid[grid.length - 1][6], 1), { statuses: ['scheduled', 'postponed', 'cancelled'] })).map((r) => this.view(r));
    const today = this.events.today();
    const weeks = grid.map((w) => w.map((d) => ({ date: d, day: Number(d.slice(8)), inMonth: d.startsWith(month), isToday: d === today, events: rows.filter((r) => r.date === d) })));
    const [y, m] = month.split('-').map(Number);
    const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    render(res, 'agenda/month', { title: 'agenda.month.title', tab: 'month', month, monthDate: `${month}-01`, prev, next, weeks, weekdays: WEEKDAY_CODES.map((c) => `agenda.weekday_short.${c}`) });
  }

  @Get('lista')
  @Roles('press', 'director')
  async list(@Query() q: Record<string, string>, @Res() res: Response) {
    const from = isIsoDate(q.desde) ? q.desde : addDays(this.events.today(), -7);
    const to = isIsoDate(q.hasta) ? q.hasta : addDays(this.events.today(), 60);
    const filter = {
      departmentId: int(q.dependencia),
      kind: (EVENT_KINDS as readonly string[]).includes(q.tipo) ? q.tipo : undefined,
      importance: int(q.importancia) && int(q.importancia)! <= 5 ? int(q.importancia) : undefined,
      status: (EVENT_STATUSES as readonly string[]).includes(q.estado) ? q.estado : undefined,
    };
    const rows = (await this.events.range(from, addDays(to, 1), filter)).map((r) => this.view(r));
    render(res, 'agenda/list', {
      title: 'agenda.list.title',
      tab: 'list',
      events: rows,
      filter: { ...filter, from, to },
      departments: await this.departments(),
      kinds: EVENT_KINDS.map((k) => ({ value: k, label: `agenda.kind.${k}` })),
      statuses: EVENT_STATUSES.map((s) => ({ value: s, label: `agenda.status.${s}` })),
      importances: [5, 4, 3, 2, 1],
    });
  }

  // Proposals
  @Get('propuestas')
  @Roles('press', 'liaison')
  async proposals(@Req() req: Request, @Res() res: Response) {
    const actor = actorFrom(req);
    const rows = actor.role === 'liaison'
      ? await this.events.list({ departmentId: actor.departmentId ?? -1, statuses: ['proposed', 'returned', 'scheduled', 'cancelled'], from: new Date(Date.now() - 60 * 86400_000) })
      : await this.events.list({ statuses: ['proposed'] });
    render(res, 'agenda/proposals', { title: 'agenda.proposals.title', tab: 'proposals', events: rows.map((r) => this.view(r)), isLiaison: actor.role === 'liaison' });
  }

  // Create and edit
  @Get('eventos/nuevo')
  @Roles('press', 'director', 'liaison')
  async newEvent(@Query('dia') dia: string | undefined, @Req() req: Request, @Res() res: Response) {
    const actor = actorFrom(req);
    const date = isIsoDate(dia) ? dia : this.events.today();
    const values = { startDate: date, startTime: '10:00', endTime: '11:00', importance: 3, isPublic: true, kind: actor.role === 'liaison' ? 'department_activity' : 'mayor_agenda', departmentId: actor.departmentId, repeat: 'none', byWeekday: [] };
    render(res, 'agenda/event-form', await this.formModel({ title: actor.role === 'liaison' ? 'agenda.form.propose_title' : 'agenda.form.new_title', isNew: true, values, errors: {} }, actor));
  }

  @Post('eventos')
  @Roles('press', 'director', 'liaison')
  @MultipartForm(FilesInterceptor('photos', 6, { limits: { fileSize: MAX_ATTACHMENT_BYTES } }))
  async create(@UploadedFiles() files: Express.Multer.File[] | undefined, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const actor = actorFrom(req);
    const model = await this.formModel({ title: actor.role === 'liaison' ? 'agenda.form.propose_title' : 'agenda.form.new_title', isNew: true }, actor);
    const form = await parseForm(EventFormDto, body);
    const values = { ...form.values, byWeekday: ([] as unknown[]).concat(form.values.byWeekday ?? []).map(String) };
    if (!form.ok) return renderInvalid(res, 'agenda/event-form', model, values, form.errors);
    const checked = await orFieldError(() => this.attachments.check(files ?? []));
    if (!checked.ok) return renderInvalid(res, 'agenda/event-form', model, values, checked.errors);
    const result = await orFieldError(() => this.events.create(form.value, actor, { proposal: actor.role === 'liaison' }));
    if (!result.ok) return renderInvalid(res, 'agenda/event-form', model, values, result.errors);
    await this.attachments.add(result.value, checked.value, actor);
    flash(req, 'success', actor.role === 'liaison' ? 'agenda.flash.proposed' : 'agenda.flash.created');
    res.redirect(303, `/agenda/eventos/${result.value}`);
  }

  private async guard(id: number, req: Request) {
    const actor = actorFrom(req);
    const e = await this.events.get(id);
    if (actor.role === 'liaison' && e.departmentId !== actor.departmentId) throw new ForbiddenException();
    return { actor, e };
  }

  @Get('eventos/:id')
  @Roles('press', 'director', 'liaison')
  async show(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const { actor, e } = await this.guard(id, req);
    const row = (await this.events.row(id))!;
    const states = row.isPublic ? (await this.route.states([row])).get(id) : undefined;
    const coverages = (await this.coverage.forEvent(id)).map((c) => ({
      ...plain(c),
      typeLabel: `agenda.coverage_type.${c.type}`,
      statusLabel: `agenda.coverage_status.${c.status}`,
      next: COVERAGE_FLOW[c.status as CoverageStatus].map((s) => ({ value: s, label: `agenda.coverage_action.${s}` })),
    }));
    const history = (await this.events.history(id)).map((h) => ({ ...plain(h), label: `agenda.history.${h.action}`, step: (h.details as { step?: string }).step ? `agenda.route.${(h.details as { step: string }).step}` : null }));
    const series = e.seriesId ? await this.events.series(e.seriesId) : null;
    render(
      res,
      'agenda/event',
      {
        title: 'agenda.event.title',
        titleText: row.title,
        event: this.view(row, states),
        notes: e.notes,
        series: series ? { ...parseRule(series.rule), rule: series.rule, freqLabel: `agenda.repeat.${parseRule(series.rule).freq}` } : null,
        detached: e.detached,
        coverages,
        history,
        attachments: plain(await this.attachments.list(id)),
        isPress: actor.role === 'press',
        canEdit: this.events.canEdit(e, actor),
        canChangeStatus: (actor.role === 'press' || actor.role === 'director') && (e.status === 'scheduled' || e.status === 'postponed'),
        isProposal: e.status === 'proposed',
        staffOptions: (await this.coverage.staff()).map((s) => ({ value: s.id, labelText: s.name })),
        coverageTypes: COVERAGE_TYPES.map((t) => ({ value: t, label: `agenda.coverage_type.${t}` })),
        values: {},
        errors: {},
        ...extra,
      },
      status,
    );
  }

  @Get('eventos/:id/editar')
  @Roles('press', 'director', 'liaison')
  async editForm(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    const { actor, e } = await this.guard(id, req);
    if (!this.events.canEdit(e, actor)) throw new ForbiddenException();
    const s = this.events.local(e.startsAt);
    const end = this.events.local(e.endsAt);
    const series = e.seriesId ? await this.events.series(e.seriesId) : null;
    const rule = series ? parseRule(series.rule) : null;
    const values = {
      ...plain(e),
      startDate: s.date,
      startTime: s.time,
      endDate: end.date !== s.date ? end.date : '',
      endTime: end.time,
      repeat: rule?.freq ?? 'none',
      interval: rule?.interval ?? 1,
      byWeekday: (rule?.byWeekday ?? []).map(String),
      count: rule?.count,
      until: rule?.until,
      scope: 'this',
    };
    render(res, 'agenda/event-form', await this.formModel({ title: 'agenda.form.edit_title', id, inSeries: !!e.seriesId, values, errors: {} }, actor));
  }

  @Post('eventos/:id')
  @Roles('press', 'director', 'liaison')
  async update(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const { actor, e } = await this.guard(id, req);
    const model = await this.formModel({ title: 'agenda.form.edit_title', id, inSeries: !!e.seriesId }, actor);
    const form = await parseForm(EventFormDto, body);
    const values = { ...form.values, byWeekday: ([] as unknown[]).concat(form.values.byWeekday ?? []).map(String) };
    if (!form.ok) return renderInvalid(res, 'agenda/event-form', model, values, form.errors);
    const result = await orFieldError(() => this.events.update(id, form.value, actor));
    if (!result.ok) return renderInvalid(res, 'agenda/event-form', model, values, result.errors);
    flash(req, 'success', 'agenda.flash.updated');
    res.redirect(303, `/agenda/eventos/${result.value}`);
  }

  @Post('eventos/:id/aceptar')
  @Roles('press')
  async accept(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    const r = await orFieldError(() => this.events.accept(id, actorFrom(req)));
    flash(req, r.ok ? 'success' : 'error', r.ok ? 'agenda.flash.accepted' : 'agenda.validation.not_a_proposal');
    res.redirect(303, `/agenda/eventos/${id}`);
  }

  @Post('eventos/:id/devolver')
  @Roles('press')
  async giveBack(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(ReasonFormDto, body);
    if (!form.ok) return this.show(id, req, res, 422, { returnValues: form.values, returnErrors: form.errors, hasErrors: true });
    const r = await orFieldError(() => this.events.returnProposal(id, form.value.reason, actorFrom(req)));
    if (!r.ok) return this.show(id, req, res, 422, { returnValues: form.values, returnErrors: r.errors, hasErrors: true });
    flash(req, 'success', 'agenda.flash.returned');
    res.redirect(303, `/agenda/propuestas`);
  }

  @Post('eventos/:id/posponer')
  @Roles('press', 'director')
  async postpone(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(PostponeFormDto, body);
    if (!form.ok) return this.show(id, req, res, 422, { postponeValues: form.values, postponeErrors: form.errors, hasErrors: true });
    const r = await orFieldError(() => this.events.postpone(id, form.value, actorFrom(req)));
    if (!r.ok) return this.show(id, req, res, 422, { postponeValues: form.values, postponeErrors: r.errors, hasErrors: true });
    flash(req, 'success', 'agenda.flash.postponed');
    res.redirect(303, `/agenda/eventos/${id}`);
  }

  @Post('eventos/:id/cancelar')
  @Roles('press', 'director')
  async cancel(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(ReasonFormDto, body);
    if (!form.ok) return this.show(id, req, res, 422, { cancelValues: form.values, cancelErrors: form.errors, hasErrors: true });
    const r = await orFieldError(() => this.events.cancel(id, form.value.reason, actorFrom(req)));
    if (!r.ok) return this.show(id, req, res, 422, { cancelValues: form.values, cancelErrors: r.errors, hasErrors: true });
    flash(req, 'success', 'agenda.flash.cancelled');
    res.redirect(303, `/agenda/eventos/${id}`);
  }

  @Post('eventos/:id/ruta')
  @Roles('press')
  async tick(@Param('id', ParseIntPipe) id: number, @Body() body: Record<string, string>, @Req() req: Request, @Res() res: Response) {
    await this.route.toggle(id, body.step, body.done === '1', actorFrom(req));
    res.redirect(303, body.back === 'day' ? `/agenda?dia=${this.events.local((await this.events.get(id)).startsAt).date}#evento-${id}` : `/agenda/eventos/${id}#ruta`);
  }

  // Coverage plan
  @Post('eventos/:id/coberturas')
  @Roles('press')
  async assign(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(CoverageFormDto, body);
    if (!form.ok) return this.show(id, req, res, 422, { values: form.values, errors: form.errors, hasErrors: true });
    const r = await orFieldError(() => this.coverage.assign(id, form.value, actorFrom(req)));
    if (!r.ok) return this.show(id, req, res, 422, { values: form.values, errors: r.errors, hasErrors: true });
    flash(req, 'success', 'agenda.flash.assigned');
    if (r.value.conflicts.length) flash(req, 'warning', 'agenda.flash.conflict');
    res.redirect(303, `/agenda/eventos/${id}#cobertura`);
  }

  @Post('coberturas/:id/estado')
  @Roles('press')
  async coverageStatus(@Param('id', ParseIntPipe) id: number, @Body() body: Record<string, string>, @Req() req: Request, @Res() res: Response) {
    const eventId = await this.coverage.setStatus(id, body.status, actorFrom(req));
    flash(req, 'success', 'agenda.flash.coverage_updated');
    res.redirect(303, body.back === 'mine' ? '/agenda/mis-asignaciones' : `/agenda/eventos/${eventId}#cobertura`);
  }

  @Get('mis-asignaciones')
  @Roles('press')
  async mine(@Req() req: Request, @Res() res: Response) {
    const actor = actorFrom(req);
    const list = (await this.coverage.mine(actor.userId!)).map((c) => ({
      ...plain(c),
      typeLabel: `agenda.coverage_type.${c.type}`,
      statusLabel: `agenda.coverage_status.${c.status}`,
      next: COVERAGE_FLOW[c.status as CoverageStatus].filter((s) => s !== 'cancelled').map((s) => ({ value: s, label: `agenda.coverage_action.${s}` })),
    }));
    render(res, 'agenda/mine', { title: 'agenda.mine.title', tab: 'mine', coverages: list });
  }

  @Get('adjuntos/:id')
  @Roles('press', 'director', 'liaison')
  async attachment(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    const a = await this.attachments.open(id, actorFrom(req));
    await sendStoredFile(req, res, this.storage, a.storageKey, () => userFileHeaders(res, a));
  }

  /** A small JPEG of an event's photo, for the event page. */
  @Get('adjuntos/:id/miniatura')
  @Roles('press', 'director', 'liaison')
  async attachmentThumb(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    const a = await this.attachments.open(id, actorFrom(req));
    const key = await this.attachments.thumbnail(a);
    if (!key) throw new NotFoundException();
    await sendStoredFile(req, res, this.storage, key, () => userFileHeaders(res, { contentType: 'image/jpeg', filename: `miniatura-${a.filename}.jpg` }));
  }
}
