import { Body, Controller, Get, NotFoundException, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { FileStorage } from '../storage/file-storage';
import { sendStoredFile } from '../common/user-files';
import { I18nService } from 'nestjs-i18n';
import { actorFrom } from '../audit/audit-actor';
import { AgendaEventsService } from '../agenda/agenda-events.service';
import { EVENT_KINDS } from '../agenda/agenda-kinds';
import { EventFormDto } from '../agenda/dto/event.dto';
import { caseActorFrom } from '../cases/case-actor';
import { CASE_TYPES } from '../cases/case.entity';
import { LOCALITIES } from '../cases/localities';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { FieldErrors, parseForm } from '../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { CategoriesService } from '../departments/categories.service';
import { AttachToCaseDto, CloseDto, ToCaseDto } from './dto/mailbox.dto';
import { mailScopeFor } from './mail-access';
import { MAIL_STATES, MailState } from './mail-message.entity';
import { MailboxRepository } from './mailbox.repository';
import { MailboxService } from './mailbox.service';
import { MailboxWorker } from './mailbox.worker';

const int = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined);
/** The addresses' Spanish words for the states. */
const STATE_PARAM: Record<string, MailState> = { nuevo: 'new', 'en-atencion': 'in_progress', atendido: 'handled', descartado: 'discarded' };
const PARAM_OF: Record<MailState, string> = { new: 'nuevo', in_progress: 'en-atencion', handled: 'atendido', discarded: 'descartado' };

/** /correo: the official mailbox, shared by the office (the outbox page /correo/saliente is notifications'). */
@Controller('correo')
@Roles('press', 'attention', 'admin')
export class MailboxController {
  constructor(
    private readonly mailbox: MailboxService,
    private readonly repo: MailboxRepository,
    private readonly worker: MailboxWorker,
    private readonly agenda: AgendaEventsService,
    private readonly categories: CategoriesService,
    private readonly i18n: I18nService,
    private readonly storage: FileStorage,
  ) {}

  @Get()
  async inbox(@Query('estado') estado: string | undefined, @Query('antes') antes: string | undefined, @Req() req: Request, @Res() res: Response) {
    const scope = mailScopeFor(actorFrom(req).role);
    const automated = estado === 'automaticos';
    const state = STATE_PARAM[estado ?? ''] ?? (automated || estado === 'todos' ? undefined : estado === undefined ? 'new' : undefined);
    const rows = await this.repo.list({ state, automated, beforeId: int(antes), limit: 51, scope });
    const messages = rows.slice(0, 50).map((r) => ({ ...r, stateLabel: `mailbox.state.${r.state}`, automatedLabel: r.automatedKind ? `mailbox.automated.${r.automatedKind}` : null }));
    const counts = await this.repo.counts(scope);
    const sync = this.worker.configured ? await this.repo.sync(this.worker.folder) : null;
    const current = automated ? 'automaticos' : state ? PARAM_OF[state] : 'todos';
    render(res, 'mailbox/inbox', {
      title: 'mailbox.title',
      configured: this.worker.configured,
      sync: sync ? plain({ ...sync, failing: sync.failures > 0 }) : null,
      messages: plain(messages),
      tabs: [
        ...MAIL_STATES.map((s) => ({ param: PARAM_OF[s], label: `mailbox.state.${s}`, count: counts[s] ?? 0 })),
        { param: 'todos', label: 'mailbox.all', count: MAIL_STATES.reduce((n, s) => n + (counts[s] ?? 0), 0) },
        { param: 'automaticos', label: 'mailbox.automated_tab', count: counts.automated ?? 0 },
      ].map((t) => ({ ...t, current: t.param === current })),
      next: rows.length > 50 ? `?estado=${current}&antes=${messages[messages.length - 1].id}` : null,
    });
  }

  @Post('revisar')
  async fetchNow(@Req() req: Request, @Res() res: Response) {
    if (!this.worker.configured) {
      flash(req, 'error', 'mailbox.not_configured');
      return res.redirect(303, '/correo');
    }
    const run = await this.worker.fetchNow();
    if (run.ok) flash(req, 'success', run.fetched ? 'mailbox.flash.fetched' : 'mailbox.flash.nothing_new');
    else flash(req, 'error', 'mailbox.flash.fetch_failed');
    res.redirect(303, '/correo');
  }

  private async messageModel(id: number, req: Request, extra: Record<string, unknown> = {}) {
    const msg = await this.mailbox.get(id, actorFrom(req).role);
    const attachments = (await this.mailbox.attachments(id)).map((a) => ({ ...plain(a), isImage: !!a.storageKey && /^image\//.test(a.detectedType ?? ''), refusedLabel: a.refusedReason }));
    const actor = actorFrom(req);
    const open = msg.kind !== 'automated' && (msg.state === 'new' || msg.state === 'in_progress');
    const departments = await this.agenda.departments();
    const text = MailboxService.text(msg);
    return {
      title: 'mailbox.message_title',
      msg: { ...plain(msg), stateLabel: `mailbox.state.${msg.state}`, automatedLabel: msg.automatedKind ? `mailbox.automated.${msg.automatedKind}` : null, assigneeName: await this.repo.assigneeName(msg.assigneeId) },
      attachments,
      hasFiles: attachments.some((a) => a.storageKey),
      open,
      canCase: open && (actor.role === 'attention' || actor.role === 'admin'),
      canAgenda: open,
      mediaBank: this.mailbox.mediaBankAvailable && attachments.some((a) => a.storageKey),
      caseTypes: CASE_TYPES.map((t) => ({ value: t, label: `cases.type.${t}` })),
      categories: (await this.categories.list(true)).map((c) => ({ value: c.id, labelText: c.name })),
      localities: LOCALITIES,
      departmentOptions: departments.map((d: { id: number; name: string }) => ({ value: d.id, labelText: d.name })),
      kindOptions: EVENT_KINDS.map((k) => ({ value: k, label: `agenda.kind.${k}` })),
      caseValues: { type: 'service_request', description: text.slice(0, 20_000) },
      agendaValues: { title: msg.subject.slice(0, 200), kind: 'department_activity', startTime: '10:00', endTime: '11:00', description: text.slice(0, 8000), isPublic: 'on' },
      attachValues: {},
      closeValues: { state: 'handled' },
      errors: {},
      ...extra,
    };
  }

  @Get('mensajes/:id')
  async show(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    render(res, 'mailbox/message', await this.messageModel(id, req));
  }

  @Get('mensajes/:id/adjuntos/:aid')
  async attachment(@Param('id', ParseIntPipe) id: number, @Param('aid', ParseIntPipe) aid: number, @Req() req: Request, @Res() res: Response) {
    await this.mailbox.get(id, actorFrom(req).role);
    const a = await this.mailbox.attachment(id, aid);
    const type = a.detectedType ?? 'application/octet-stream';
    await sendStoredFile(req, res, this.storage, a.storageKey, () => {
      res.setHeader('Content-Type', type);
      res.setHeader('X-Content-Type-Options', 'nosniff');
      res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
      const inline = /^image\/(jpeg|png|gif|webp)$|^application\/pdf$/.test(type);
      res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(a.filename)}`);
    });
  }

  @Post('mensajes/:id/tomar')
  async take(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.mailbox.get(id, actorFrom(req).role);
    const r = await orFieldError(() => this.mailbox.take(id, actorFrom(req)));
    flash(req, r.ok ? 'success' : 'error', r.ok ? 'mailbox.flash.taken' : Object.values(r.errors)[0]);
    res.redirect(303, `/correo/mensajes/${id}`);
  }

  private async invalid(res: Response, id: number, req: Request, section: string, values: Record<string, unknown>, errors: FieldErrors) {
    const model = await this.messageModel(id, req, { [`${section}Values`]: values, [`${section}Errors`]: errors, openSection: section });
    // Handled or discarded meanwhile (by someone else): its forms are gone, so say why on the page.
    if (!model.open) {
      flash(req, 'error', Object.values(errors)[0] ?? 'mailbox.error.closed');
      return res.redirect(303, `/correo/mensajes/${id}`);
    }
    renderInvalid(res, 'mailbox/message', model, values, errors);
  }

  @Post('mensajes/:id/caso')
  @Roles('attention', 'admin')
  async toCase(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(ToCaseDto, body);
    if (!form.ok) return this.invalid(res, id, req, 'case', form.values, form.errors);
    const version = this.i18n.t('privacy.version', { lang: 'es' }) as string;
    const r = await orFieldError(() => this.mailbox.toCase(id, form.value, version, caseActorFrom(req)));
    if (!r.ok) return this.invalid(res, id, req, 'case', form.values, r.errors);
    flash(req, 'success', 'mailbox.flash.case');
    res.redirect(303, `/casos/${r.value}`);
  }

  @Post('mensajes/:id/vincular')
  @Roles('attention', 'admin')
  async attach(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(AttachToCaseDto, body);
    if (!form.ok) return this.invalid(res, id, req, 'attach', form.values, form.errors);
    const r = await orFieldError(() => this.mailbox.attachToCase(id, form.value.folio, caseActorFrom(req)));
    if (!r.ok) return this.invalid(res, id, req, 'attach', form.values, r.errors);
    flash(req, 'success', 'mailbox.flash.attached');
    res.redirect(303, `/casos/${r.value}`);
  }

  @Post('mensajes/:id/agenda')
  async toAgenda(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    await this.mailbox.get(id, actorFrom(req).role);
    const form = await parseForm(EventFormDto, body);
    if (!form.ok) return this.invalid(res, id, req, 'agenda', form.values, form.errors);
    const r = await orFieldError(() => this.mailbox.toAgenda(id, form.value, actorFrom(req)));
    if (!r.ok) return this.invalid(res, id, req, 'agenda', form.values, r.errors);
    flash(req, 'success', 'mailbox.flash.agenda');
    res.redirect(303, `/correo/mensajes/${id}`);
  }

  @Post('mensajes/:id/estado')
  async close(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    await this.mailbox.get(id, actorFrom(req).role);
    const form = await parseForm(CloseDto, body);
    if (!form.ok) return this.invalid(res, id, req, 'close', form.values, form.errors);
    const r = await orFieldError(() => this.mailbox.close(id, form.value.state, form.value.note, actorFrom(req)));
    if (!r.ok) return this.invalid(res, id, req, 'close', form.values, r.errors);
    flash(req, 'success', form.value.state === 'handled' ? 'mailbox.flash.handled' : 'mailbox.flash.discarded');
    res.redirect(303, '/correo');
  }

  /** Save the attachments to the media bank: shown and allowed only once MediaBankSeam is wired (see media-bank-seam.ts). */
  @Post('mensajes/:id/banco')
  @Roles('press', 'admin')
  async toMediaBank(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.mailbox.get(id, actorFrom(req).role);
    if (!this.mailbox.mediaBankAvailable) throw new NotFoundException();
    const r = await orFieldError(() => this.mailbox.saveToMediaBank(id, actorFrom(req)));
    flash(req, r.ok ? 'success' : 'error', r.ok ? 'mailbox.flash.media_bank' : Object.values(r.errors)[0]);
    res.redirect(303, `/correo/mensajes/${id}`);
  }
}
