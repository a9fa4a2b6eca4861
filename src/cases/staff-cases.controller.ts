import { Body, Controller, Get, NotFoundException, Param, ParseIntPipe, Post, Query, Req, Res, UploadedFiles } from '@nestjs/common';
import { MultipartForm } from '../common/csrf';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { I18nService } from 'nestjs-i18n';
import { Roles } from '../common/access.decorators';
import { takeDraft } from '../common/drafts';
import { flash, redirectAfterSave } from '../common/flash';
import { FieldError, FieldErrors, parseForm } from '../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { sendStoredFile, userFileHeaders } from '../common/user-files';
import { FileStorage } from '../storage/file-storage';
import { CategoriesService } from '../departments/categories.service';
import { AttachmentsService, CheckedFile, UPLOAD_OPTIONS, UploadedPart } from './attachments';
import { CaseActor, caseActorFrom } from './case-actor';
import { normalizeFolio } from './case-codes';
import { CaseFormOptions } from './case-form-options';
import { CaseQuestionsForm } from './case-questions';
import { allowedMoves } from './case-status';
import { canSee, CaseWorkService, seesContact, statusActorOf } from './case-work.service';
import { CasesRepository } from './cases.repository';
import { CaseConflictError, CasesService } from './cases.service';
import { AssignDto, CaseFormDto, ClassifyDto, DuplicateDto, NoteDto, PublicTextDto, ReplyDto, RouteDto, StatusDto, VersionedDto } from './dto/case-form.dto';
import { CaseExports } from './case-exports';
import { InboxQuery, InboxService } from './inbox.service';

type Action = 'classify' | 'route' | 'assign' | 'reply' | 'note' | 'status' | 'duplicate' | 'attach' | 'public';
const ACTION_OF_PATH: Record<string, Action> = { clasificar: 'classify', turnar: 'route', asignar: 'assign', responder: 'reply', nota: 'note', 'texto-publico': 'public', estado: 'status', duplicado: 'duplicate' };

/** The staff side: inbox, counter intake, the case page and its actions. */
@Controller('casos')
@Roles('attention', 'liaison', 'admin')
export class StaffCasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly work: CaseWorkService,
    private readonly inbox: InboxService,
    private readonly repo: CasesRepository,
    private readonly options: CaseFormOptions,
    private readonly categories: CategoriesService,
    private readonly attachments: AttachmentsService,
    private readonly exports: CaseExports,
    private readonly i18n: I18nService,
    private readonly questionsForm: CaseQuestionsForm,
    private readonly storage: FileStorage,
  ) {}

  @Get()
  async list(@Query() q: InboxQuery, @Req() req: Request, @Res() res: Response) {
    const by = caseActorFrom(req);
    const page = await this.inbox.page(q, by);
    const base = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'despues' && typeof v === 'string' && v !== '') as [string, string][]);
    const nextParams = new URLSearchParams(base);
    if (page.next) nextParams.set('despues', page.next);
    const viewLink = (vista: string) => `/casos?vista=${vista}`;
    render(res, 'cases/inbox', {
      title: 'cases.inbox.title',
      items: page.items.map((r) => ({ ...r })), // rows of plain SQL: own properties only, as handlebars wants
      counts: page.counts.map((c) => ({ ...c, href: `/casos?${new URLSearchParams({ ...Object.fromEntries(base), estado: c.value }).toString()}`, current: q.estado === c.value })),
      total: page.total,
      countsCapped: page.countsCapped,
      next: page.next ? `/casos?${nextParams.toString()}` : null,
      exportQuery: base.toString(),
      q: { ...q },
      isLiaison: by.role === 'liaison',
      views: [
        { key: 'cases.view.all', href: '/casos', current: !q.vista },
        ...(by.role === 'liaison' ? [] : [{ key: 'cases.view.unassigned', href: viewLink('sin_asignar'), current: q.vista === 'sin_asignar' }]),
        { key: 'cases.view.mine', href: viewLink('mios'), current: q.vista === 'mios' },
        { key: 'cases.view.overdue', href: viewLink('vencidos'), current: q.vista === 'vencidos' },
        { key: 'cases.view.due_soon', href: viewLink('por_vencer'), current: q.vista === 'por_vencer' },
      ],
      options: {
        statuses: this.options.statuses(),
        types: this.options.types(),
        channels: this.options.channels(),
        categories: await this.options.categoryOptions(false),
        departments: by.role === 'liaison' ? [] : await this.options.departmentOptions(),
        localities: this.options.localities(),
        assignees: await this.repo.assignable(by.departmentId),
      },
    });
  }

  @Get('exportar.csv')
  async exportCsv(@Query() q: InboxQuery, @Req() req: Request, @Res() res: Response) {
    res.type('text/csv; charset=utf-8').set('Content-Disposition', 'attachment; filename="solicitudes.csv"');
    await this.exports.csv(this.inbox.all(q, caseActorFrom(req)), res, 'staff');
  }

  @Get('exportar.xlsx')
  async exportXlsx(@Query() q: InboxQuery, @Req() req: Request, @Res() res: Response) {
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').set('Content-Disposition', 'attachment; filename="solicitudes.xlsx"');
    await this.exports.xlsx(this.inbox.all(q, caseActorFrom(req)), res, 'staff');
  }

  // ---- Intake at the counter, phone, email, social media, public hearing --------------

  @Get('nueva')
  @Roles('attention', 'admin')
  async newForm(@Res() res: Response) {
    const values = { type: 'service_request', channel: 'counter' };
    render(res, 'cases/new', { title: 'cases.intake.title', action: '/casos/nueva', isStaff: true, ...(await this.options.forForm()), questions: await this.questionsForm.groups(undefined, values), values, errors: {} });
  }

  @Post('nueva')
  @Roles('attention', 'admin')
  @MultipartForm(FilesInterceptor('attachments', 12, UPLOAD_OPTIONS))
  async intake(@Body() body: unknown, @UploadedFiles() uploads: UploadedPart[] | undefined, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(CaseFormDto, body);
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    const checked = await this.attachments.check(AttachmentsService.chosen(uploads));
    if ('error' in checked) errors.attachments = checked.error;
    if (form.ok && (!form.value.channel || form.value.channel === 'api')) errors.channel = 'cases.validation.channel';
    const answers = await this.questionsForm.check(form.values.categoryId, form.values);
    Object.assign(errors, answers.errors);
    const model = async (e: FieldErrors) => ({ title: 'cases.intake.title', action: '/casos/nueva', isStaff: true, ...(await this.options.forForm()), questions: await this.questionsForm.groups(form.values.categoryId, form.values, e) });
    if (Object.keys(errors).length || !form.ok) return renderInvalid(res, 'cases/new', await model(errors), form.values, errors);
    const version = this.i18n.t('privacy.version', { lang: 'es' }) as string;
    const result = await orFieldError(() => this.cases.file({ ...form.value, channel: form.value.channel!, privacyVersion: version, answers: answers.answers }, (checked as { files: CheckedFile[] }).files, caseActorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'cases/new', await model(result.errors), form.values, result.errors);
    const s = req.session as unknown as { receipts?: Record<string, string> };
    s.receipts = { ...Object.fromEntries(Object.entries(s.receipts ?? {}).slice(-4)), [result.value.folio]: result.value.code };
    flash(req, 'success', 'cases.intake.flash.filed');
    redirectAfterSave(req, res, `/solicitudes/acuse/${result.value.folio}`);
  }

  // ---- One case ---------------------------------------------------------------------

  private async caseFor(folioParam: string, by: CaseActor) {
    const folio = normalizeFolio(folioParam);
    const c = folio ? await this.repo.detail(folio) : null;
    if (!c || !canSee(c, by)) throw new NotFoundException();
    return c;
  }

  private async caseModel(folio: string, by: CaseActor, extra: Record<string, unknown> = {}) {
    const c = await this.caseFor(folio, by);
    const events = await this.repo.events(c.id, false);
    const files = await this.repo.attachments(c.id);
    const deadline = await this.inbox.daysLeft(c.dueDate, c.status);
    const triage = by.role === 'admin' || by.role === 'attention';
    const category = await this.categories.find(c.categoryId);
    const showContact = seesContact(by);
    const moves = allowedMoves(c.status, statusActorOf(by)).filter((s) => s !== 'routed' && s !== 'duplicate');
    return {
      title: 'cases.case.title',
      titleText: c.folio,
      c: {
        ...plain({ ...c, trackingCodeHash: undefined, contactName: showContact ? c.contactName : null, contactEmail: showContact ? c.contactEmail : null, contactPhone: showContact ? c.contactPhone : null }),
        statusLabel: `cases.status.${c.status}`, typeLabel: `cases.type.${c.type}`, priorityLabel: `cases.priority.${c.priority}`, channelLabel: `cases.channel.${c.channel}`,
        anonymous: !c.contactName && !c.contactEmail && !c.contactPhone,
        ...deadline,
      },
      showContact,
      triage,
      isLiaison: by.role === 'liaison',
      events: plain(events.map((e) => ({ ...e, label: `cases.event.${e.kind}`, fromLabel: e.data?.from ? `cases.status.${e.data.from as string}` : null, toLabel: e.data?.to ? `cases.status.${e.data.to as string}` : null }))),
      files: plain(files.map((f) => ({ id: f.id, filename: f.filename, contentType: f.contentType, size: f.size, source: f.source, isImage: f.contentType.startsWith('image/') }))),
      similar: triage && ['received', 'in_review', 'reopened'].includes(c.status) ? await this.repo.similar(c) : [],
      answers: plain(await this.categories.answers(c.categoryId, true)),
      defaultDepartmentId: category?.defaultDepartmentId ?? null,
      moves: moves.map((s) => ({ value: s, label: `cases.status.${s}` })),
      canRoute: triage && allowedMoves(c.status, 'staff').includes('routed'),
      canDuplicate: triage && allowedMoves(c.status, 'staff').includes('duplicate'),
      // What Open311 publishes of this case: nothing unless the category is public.
      publication: {
        published: !!category?.published && !category.sensitive,
        sensitive: !!category?.sensitive,
        text: c.publicText ?? category?.name ?? '',
        street: c.publicStreet,
        point: c.publicLatitude != null && c.publicLongitude != null ? `${c.publicLatitude}, ${c.publicLongitude}` : null,
      },
      canReply: ['received', 'in_review', 'routed', 'in_progress', 'reopened', 'resolved'].includes(c.status),
      options: {
        types: this.options.types(),
        priorities: this.options.priorities(),
        categories: await this.options.categoryOptions(false),
        departments: await this.options.departmentOptions(),
        assignees: (await this.repo.assignable(c.departmentId)).filter((u) => by.role !== 'liaison' || u.role === 'liaison'),
      },
      values: {}, errors: {},
      ...extra,
    };
  }

  @Get(':folio')
  async show(@Param('folio') folio: string, @Req() req: Request, @Res() res: Response) {
    // What was typed into one of this case's forms when the session had ended comes back in its box, not sent.
    const prefix = `/casos/${normalizeFolio(folio) ?? folio}/`;
    const draft = takeDraft(req, (a) => a.startsWith(prefix) && a.slice(prefix.length) in ACTION_OF_PATH);
    const action = draft ? ACTION_OF_PATH[draft.action.slice(prefix.length)] : null;
    const extra = draft && action ? { values: { [action]: draft.fields }, openAction: action, draftRestored: true } : {};
    render(res, 'cases/case', await this.caseModel(folio, caseActorFrom(req), extra));
  }

  @Get(':folio/adjuntos/:id')
  async attachment(@Param('folio') folio: string, @Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    const c = await this.caseFor(folio, caseActorFrom(req));
    const a = await this.repo.attachment(c.id, id);
    if (!a) throw new NotFoundException();
    await sendStoredFile(req, res, this.storage, a.storageKey, () => userFileHeaders(res, a));
  }

  /** A small JPEG of a photo, for the case page. */
  @Get(':folio/adjuntos/:id/miniatura')
  async attachmentThumb(@Param('folio') folio: string, @Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    const c = await this.caseFor(folio, caseActorFrom(req));
    const a = await this.repo.attachment(c.id, id);
    if (!a) throw new NotFoundException();
    const key = await this.attachments.thumbnail(a);
    if (!key) throw new NotFoundException();
    await sendStoredFile(req, res, this.storage, key, () => userFileHeaders(res, { contentType: 'image/jpeg', filename: `miniatura-${a.filename}.jpg` }));
  }

  /** Run one action from the case page: 422 beside the field, 409 with the fresh case on a concurrent edit. */
  private async action<T extends object>(action: Action, dto: new () => T, folio: string, body: unknown, req: Request, res: Response, run: (caseId: number, form: T, by: CaseActor) => Promise<unknown>) {
    const by = caseActorFrom(req);
    const c = await this.caseFor(folio, by);
    const form = await parseForm(dto, body);
    const again = async (errors: FieldErrors, status: number, extra: Record<string, unknown> = {}) =>
      render(res, 'cases/case', await this.caseModel(c.folio, by, { values: { [action]: form.values }, errors: { [action]: errors }, hasErrors: status === 422, openAction: action, ...extra }), status);
    if (!form.ok) return again(form.errors, 422);
    try {
      const result = await orFieldError(() => run(c.id, form.value, by));
      if (!result.ok) return again(result.errors, 422);
    } catch (e) {
      if (e instanceof CaseConflictError) return again({}, 409, { conflict: true });
      throw e;
    }
    flash(req, 'success', `cases.flash.${action}`);
    // A liaison who sends a case back no longer sees it.
    const stillVisible = await this.repo.detail(c.folio).then((x) => !!x && canSee(x, by));
    redirectAfterSave(req, res, stillVisible ? `/casos/${c.folio}` : '/casos');
  }

  @Post(':folio/clasificar')
  classify(@Param('folio') folio: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.action('classify', ClassifyDto, folio, body, req, res, (id, f, by) => this.work.classify(id, f.version, f, by));
  }

  @Post(':folio/turnar')
  route(@Param('folio') folio: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.action('route', RouteDto, folio, body, req, res, (id, f, by) => this.work.route(id, f.version, f, by));
  }

  @Post(':folio/asignar')
  assign(@Param('folio') folio: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.action('assign', AssignDto, folio, body, req, res, (id, f, by) => this.work.assign(id, f.version, f.assigneeId ?? null, by));
  }

  @Post(':folio/responder')
  reply(@Param('folio') folio: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.action('reply', ReplyDto, folio, body, req, res, async (id, f, by) => {
      let text = f.body;
      if (!text && f.answerId) text = (await this.categories.findAnswer(f.answerId))?.body;
      if (!text) throw new FieldError('body', 'cases.validation.reply');
      return this.work.reply(id, f.version, text, by);
    });
  }

  @Post(':folio/nota')
  note(@Param('folio') folio: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.action('note', NoteDto, folio, body, req, res, (id, f, by) => this.work.note(id, f.version, f.body, by));
  }

  @Post(':folio/texto-publico')
  publicText(@Param('folio') folio: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.action('public', PublicTextDto, folio, body, req, res, (id, f, by) => this.work.setPublicText(id, f.version, f.publicText, by));
  }

  @Post(':folio/estado')
  status(@Param('folio') folio: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.action('status', StatusDto, folio, body, req, res, (id, f, by) => this.work.changeStatus(id, f.version, f, by));
  }

  @Post(':folio/adjuntos')
  @MultipartForm(FilesInterceptor('attachments', 12, UPLOAD_OPTIONS))
  attach(@Param('folio') folio: string, @Body() body: unknown, @UploadedFiles() uploads: UploadedPart[] | undefined, @Req() req: Request, @Res() res: Response) {
    return this.action('attach', VersionedDto, folio, body, req, res, async (id, f, by) => {
      const chosen = AttachmentsService.chosen(uploads);
      if (!chosen.length) throw new FieldError('attachments', 'cases.validation.file_none');
      const checked = await this.attachments.check(chosen);
      if ('error' in checked) throw new FieldError('attachments', checked.error);
      const stored = await this.attachments.store(checked.files);
      try {
        return await this.work.attach(id, f.version, stored, by);
      } catch (e) {
        await this.attachments.discard(stored);
        throw e;
      }
    });
  }

  @Post(':folio/duplicado')
  duplicate(@Param('folio') folio: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.action('duplicate', DuplicateDto, folio, body, req, res, (id, f, by) => this.work.markDuplicate(id, f.version, f.original, by));
  }
}
