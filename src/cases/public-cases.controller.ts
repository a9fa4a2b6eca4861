import { randomBytes } from 'node:crypto';
import { Body, Controller, Get, NotFoundException, Param, ParseIntPipe, Post, Query, Req, Res, UploadedFiles } from '@nestjs/common';
import { MultipartForm } from '../common/csrf';
import { FilesInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { I18nService } from 'nestjs-i18n';
import { Public } from '../common/access.decorators';
import { flash, redirectAfterSave } from '../common/flash';
import { FieldErrors, parseForm } from '../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { sendStoredFile, userFileHeaders } from '../common/user-files';
import { FileStorage } from '../storage/file-storage';
import { AttachmentsService, CheckedFile, MAX_FILES, StoredFile, UPLOAD_OPTIONS, UploadedPart } from './attachments';
import { normalizeFolio } from './case-codes';
import { CaseFormOptions } from './case-form-options';
import { CaseQuestionsForm } from './case-questions';
import { REOPEN_WINDOW_DAYS } from './case-status';
import { CasesRepository } from './cases.repository';
import { CasesService } from './cases.service';
import { CaseFormDto, CitizenInfoDto, ReasonDto, SurveyDto, TrackDto } from './dto/case-form.dto';
import { ReceiptService } from './receipt.service';
import { FilingSlot, Proof, SpamGuard } from './spam-guard';

/** A photo or document accepted while the rest of the form was refused, kept for this browser until the form is sent. */
type KeptUpload = StoredFile & { token: string };
type CitizenSession = { receipts?: Record<string, string>; tracked?: number[]; keptUploads?: Record<string, KeptUpload> };
const sessionOf = (req: Request) => req.session as unknown as CitizenSession;

/** What a citizen reaches without an account: the form, the receipt, and tracking. */
@Controller()
@Public()
export class PublicCasesController {
  constructor(
    private readonly cases: CasesService,
    private readonly attachments: AttachmentsService,
    private readonly spam: SpamGuard,
    private readonly options: CaseFormOptions,
    private readonly receipts: ReceiptService,
    private readonly i18n: I18nService,
    private readonly repo: CasesRepository,
    private readonly questionsForm: CaseQuestionsForm,
    private readonly storage: FileStorage,
  ) {}

  private async formModel(values: Record<string, unknown>, errors: FieldErrors = {}, kept: KeptUpload[] = []) {
    return {
      title: 'cases.form.title', action: '/solicitudes/nueva', ...(await this.options.forForm()), challenge: await this.spam.challenge(), values, errors: {},
      kept: kept.map((k) => ({ token: k.token, filename: k.filename })),
      questions: await this.questionsForm.groups(values.categoryId, values, errors),
    };
  }

  @Get('solicitudes/nueva')
  async newForm(@Res() res: Response) {
    render(res, 'cases/new', await this.formModel({ type: 'service_request' }));
  }

  @Post('solicitudes/nueva')
  @MultipartForm(FilesInterceptor('attachments', 12, UPLOAD_OPTIONS))
  async file(@Body() body: unknown, @UploadedFiles() uploads: UploadedPart[] | undefined, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(CaseFormDto, body);
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    const v = form.values;
    const answers = await this.questionsForm.check(v.categoryId, v);
    Object.assign(errors, answers.errors);
    // Photos accepted on an earlier try of this browser, that the person left ticked.
    const session = sessionOf(req);
    const kept = [...new Set([v.keptUploads].flat())].filter((x): x is string => typeof x === 'string').map((token) => session.keptUploads?.[token]).filter((k): k is KeptUpload => !!k).slice(0, MAX_FILES);
    const invalid = async (e: FieldErrors, status = 422) => {
      const model = await this.formModel(v, e, kept);
      return status === 422 ? renderInvalid(res, 'cases/new', model, v, e) : render(res, 'cases/new', { ...model, values: v, errors: e, hasErrors: true }, status);
    };
    // The cheap checks come before any photo is decoded (CSRF was checked right after the upload
    // was parsed): the honeypot, the proof of work, then this address's filing slot, taken atomically.
    const ip = req.ip ?? 'unknown';
    let proof: Proof | null = null;
    if (typeof v.website === 'string' && v.website.length > 0) errors.challengeAnswer = 'cases.validation.spam';
    else if (!errors.challengeAnswer && !(proof = await this.spam.passed({ altcha: v.altcha, challengeToken: v.challengeToken, challengeAnswer: v.challengeAnswer }))) {
      errors.challengeAnswer = 'cases.validation.challenge';
    }
    let slot: FilingSlot | undefined;
    if (!errors.challengeAnswer && proof) {
      const taken = await this.spam.takeFilingSlot(ip, proof);
      if ('slot' in taken) slot = taken.slot;
      else errors.challengeAnswer = taken.limitedBy === 'question' ? 'cases.validation.rate_limited_question' : 'cases.validation.rate_limited';
    }
    const chosen = AttachmentsService.chosen(uploads);
    if (errors.challengeAnswer) {
      // Files sent with a refused request are not even looked at: say so beside them, never drop them without a word.
      if (chosen.length) errors.attachments = 'cases.validation.files_not_checked';
      return invalid(errors, errors.challengeAnswer.startsWith('cases.validation.rate_limited') ? 429 : 422);
    }
    // From here on only a filing spends the slot: a form sent back for a blank field gives it back.
    const refuse = async (e: FieldErrors) => {
      if (slot) await this.spam.giveBackFilingSlot(slot);
      return invalid(e);
    };
    if (chosen.length + kept.length > MAX_FILES) errors.attachments = 'cases.validation.too_many_files';
    const checked = errors.attachments ? null : await this.attachments.check(chosen, { citizen: true });
    if (checked && 'error' in checked) errors.attachments = checked.error;
    // Accepted files are stored at once and kept for this browser: a photo that took minutes to
    // arrive on a slow link is not lost because a question was left blank.
    if (checked && 'files' in checked && checked.files.length) {
      for (const f of await this.attachments.store(checked.files)) {
        const token = randomBytes(12).toString('base64url');
        kept.push({ ...f, token });
        session.keptUploads = { ...Object.fromEntries(Object.entries(session.keptUploads ?? {}).slice(-(MAX_FILES * 2 - 1))), [token]: { ...f, token } };
      }
    }
    if (Object.keys(errors).length || !form.ok) return refuse(errors);
    const dto = form.value;
    const result = await orFieldError(() =>
      this.cases.file({ ...dto, channel: 'web', privacyVersion: this.privacyVersion(), answers: answers.answers }, [], this.cases.citizenActor(ip), undefined, kept),
    );
    if (!result.ok) return refuse(result.errors);
    const filed = new Set(kept.map((k) => k.token));
    session.keptUploads = Object.fromEntries(Object.entries(session.keptUploads ?? {}).filter(([token]) => !filed.has(token)));
    session.receipts = { ...Object.fromEntries(Object.entries(session.receipts ?? {}).slice(-4)), [result.value.folio]: result.value.code };
    session.tracked = [...(session.tracked ?? []).slice(-19), result.value.caseId];
    redirectAfterSave(req, res, `/solicitudes/acuse/${result.value.folio}`);
  }

  private privacyVersion(): string {
    return this.i18n.t('privacy.version', { lang: 'es' }) as string;
  }

  @Get('solicitudes/acuse/:folio')
  async receipt(@Param('folio') folioParam: string, @Req() req: Request, @Res() res: Response) {
    const folio = normalizeFolio(folioParam);
    const code = folio ? sessionOf(req).receipts?.[folio] : undefined;
    if (!folio || !code) return redirectAfterSave(req, res, '/seguimiento');
    const c = await this.cases.receipt(folio);
    render(res, 'cases/receipt', { title: 'cases.receipt.title', receipt: { ...(await this.receipts.page(c, code)), anonymous: !c.contactEmail } });
  }

  @Get('solicitudes/acuse/:folio/pdf')
  async receiptPdf(@Param('folio') folioParam: string, @Req() req: Request, @Res() res: Response) {
    const folio = normalizeFolio(folioParam);
    const code = folio ? sessionOf(req).receipts?.[folio] : undefined;
    const tracked = folio ? await this.trackedCase(req, folio) : null;
    if (!folio || (!code && !tracked)) return redirectAfterSave(req, res, '/seguimiento');
    const pdf = await this.receipts.pdf(await this.cases.receipt(folio), code ?? null);
    res.type('application/pdf').set('Content-Disposition', `attachment; filename="acuse-${folio}.pdf"`).send(pdf);
  }

  // ---- Tracking ------------------------------------------------------------------

  @Get('seguimiento')
  trackForm(@Query('folio') folio: string | undefined, @Query('codigo') codigo: string | undefined, @Res() res: Response) {
    render(res, 'cases/track', { title: 'cases.track.title', values: { folio: typeof folio === 'string' ? folio.slice(0, 40) : '', code: typeof codigo === 'string' ? codigo.slice(0, 60) : '' }, errors: {} });
  }

  @Post('seguimiento')
  async track(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(TrackDto, body);
    const values = { folio: form.values.folio, code: '' };
    if (!(await this.spam.mayTrack(req.ip ?? 'unknown'))) return render(res, 'cases/track', { title: 'cases.track.title', values, errors: { code: 'cases.track.too_many' }, hasErrors: true }, 429);
    const c = form.ok ? await this.cases.track(form.value.folio, form.value.code) : null;
    // One message whichever was wrong, the folio or the code: nothing tells which folios exist.
    if (!c) return renderInvalid(res, 'cases/track', { title: 'cases.track.title' }, values, { code: 'cases.track.not_found' });
    const s = sessionOf(req);
    s.tracked = [...(s.tracked ?? []).filter((id) => id !== c.id).slice(-19), c.id];
    redirectAfterSave(req, res, `/seguimiento/${c.folio}`);
  }

  private async trackedCase(req: Request, folio: string) {
    const c = await this.cases.receipt(folio).catch(() => null);
    return c && sessionOf(req).tracked?.includes(c.id) ? c : null;
  }

  private async trackModel(caseId: number, extra: Record<string, unknown> = {}) {
    const { case: c, events, original } = await this.cases.publicView(caseId);
    const files = (await this.repo.attachments(caseId)).filter((f) => f.source === 'citizen').map((f) => ({ id: f.id, filename: f.filename, isImage: f.contentType.startsWith('image/') }));
    const now = Date.now();
    const canReopen = c.status === 'resolved' && !!c.resolvedAt && now - new Date(c.resolvedAt).getTime() <= REOPEN_WINDOW_DAYS * 86_400_000;
    return {
      title: 'cases.track.case_title',
      titleArgs: { folio: c.folio },
      c: {
        folio: c.folio, status: c.status, statusLabel: `cases.status.${c.status}`, typeLabel: `cases.type.${c.type}`, categoryName: c.categoryName,
        departmentName: c.departmentName, dueDate: c.dueDate, createdAt: c.createdAt, locality: c.locality, description: c.description,
        duplicateOfFolio: c.duplicateOfFolio, satisfactionScore: c.satisfactionScore, answers: plain(c.answers ?? []),
      },
      events: plain(events.map((e) => ({ ...e, label: `cases.event.${e.kind}`, statusTo: e.data?.to ? `cases.status.${e.data.to as string}` : null }))),
      files,
      original: original && {
        folio: original.folio,
        statusLabel: `cases.status.${original.status}`,
        events: plain(original.events.map((e) => ({ ...e, label: `cases.event.${e.kind}`, statusTo: e.data?.to ? `cases.status.${e.data.to as string}` : null }))),
      },
      canAddInfo: !['closed', 'rejected', 'duplicate'].includes(c.status),
      canRate: ['resolved', 'closed'].includes(c.status) && c.satisfactionScore == null,
      canReopen,
      scores: [5, 4, 3, 2, 1],
      infoValues: {}, infoErrors: {}, surveyValues: {}, surveyErrors: {}, reopenValues: {}, reopenErrors: {},
      ...extra,
    };
  }

  @Get('seguimiento/:folio')
  async trackPage(@Param('folio') folioParam: string, @Req() req: Request, @Res() res: Response) {
    const folio = normalizeFolio(folioParam);
    const c = folio ? await this.trackedCase(req, folio) : null;
    if (!c) return redirectAfterSave(req, res, `/seguimiento${folio ? `?folio=${folio}` : ''}`);
    render(res, 'cases/track-case', await this.trackModel(c.id));
  }

  /** The citizen's own photos and documents (the copies without metadata). */
  @Get('seguimiento/:folio/adjuntos/:id')
  async attachment(@Param('folio') folioParam: string, @Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    const folio = normalizeFolio(folioParam);
    const c = folio ? await this.trackedCase(req, folio) : null;
    const a = c ? await this.repo.attachment(c.id, id) : null;
    if (!c || !a || a.source !== 'citizen') throw new NotFoundException();
    await sendStoredFile(req, res, this.storage, a.storageKey, () => userFileHeaders(res, a));
  }

  /** A small JPEG of one of the citizen's photos, for the tracking page (the photo itself may weigh megabytes). */
  @Get('seguimiento/:folio/adjuntos/:id/miniatura')
  async attachmentThumb(@Param('folio') folioParam: string, @Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    const folio = normalizeFolio(folioParam);
    const c = folio ? await this.trackedCase(req, folio) : null;
    const a = c ? await this.repo.attachment(c.id, id) : null;
    if (!c || !a || a.source !== 'citizen') throw new NotFoundException();
    const key = await this.attachments.thumbnail(a);
    if (!key) throw new NotFoundException();
    await sendStoredFile(req, res, this.storage, key, () => userFileHeaders(res, { contentType: 'image/jpeg', filename: `miniatura-${a.filename}.jpg` }));
  }

  @Post('seguimiento/:folio/informacion')
  @MultipartForm(FilesInterceptor('attachments', 12, UPLOAD_OPTIONS))
  async addInfo(@Param('folio') folioParam: string, @Body() body: unknown, @UploadedFiles() uploads: UploadedPart[] | undefined, @Req() req: Request, @Res() res: Response) {
    const folio = normalizeFolio(folioParam);
    const c = folio ? await this.trackedCase(req, folio) : null;
    if (!c) return redirectAfterSave(req, res, '/seguimiento');
    const form = await parseForm(CitizenInfoDto, body);
    const errors: FieldErrors = form.ok ? {} : { ...form.errors };
    const chosen = AttachmentsService.chosen(uploads);
    const checked = await this.attachments.check(chosen, { citizen: true });
    if ('error' in checked) errors.attachments = checked.error;
    if (form.ok && !form.value.body && !chosen.length) errors.body = 'cases.track.info_empty';
    const fail = async (e: FieldErrors) => render(res, 'cases/track-case', await this.trackModel(c.id, { infoValues: form.values, infoErrors: e, hasErrors: true }), 422);
    if (Object.keys(errors).length || !form.ok) return fail(errors);
    const result = await orFieldError(() => this.cases.addInfo(c.id, form.value.body, (checked as { files: CheckedFile[] }).files, this.cases.citizenActor(req.ip ?? null)));
    if (!result.ok) return fail(result.errors);
    flash(req, 'success', 'cases.track.flash.info_added');
    redirectAfterSave(req, res, `/seguimiento/${c.folio}`);
  }

  @Post('seguimiento/:folio/encuesta')
  async survey(@Param('folio') folioParam: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const folio = normalizeFolio(folioParam);
    const c = folio ? await this.trackedCase(req, folio) : null;
    if (!c) return redirectAfterSave(req, res, '/seguimiento');
    const form = await parseForm(SurveyDto, body);
    const fail = async (e: FieldErrors) => render(res, 'cases/track-case', await this.trackModel(c.id, { surveyValues: form.values, surveyErrors: e, hasErrors: true }), 422);
    if (!form.ok) return fail(form.errors);
    const result = await orFieldError(() => this.cases.rate(c.id, form.value.score, form.value.comment, this.cases.citizenActor(req.ip ?? null)));
    if (!result.ok) return fail(result.errors);
    flash(req, 'success', 'cases.track.flash.rated');
    redirectAfterSave(req, res, `/seguimiento/${c.folio}`);
  }

  @Post('seguimiento/:folio/reabrir')
  async reopen(@Param('folio') folioParam: string, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const folio = normalizeFolio(folioParam);
    const c = folio ? await this.trackedCase(req, folio) : null;
    if (!c) return redirectAfterSave(req, res, '/seguimiento');
    const form = await parseForm(ReasonDto, body);
    const fail = async (e: FieldErrors) => render(res, 'cases/track-case', await this.trackModel(c.id, { reopenValues: form.values, reopenErrors: e, hasErrors: true }), 422);
    if (!form.ok) return fail(form.errors);
    const result = await orFieldError(() => this.cases.reopen(c.id, form.value.reason, this.cases.citizenActor(req.ip ?? null)));
    if (!result.ok) return fail(result.errors);
    flash(req, 'success', 'cases.track.flash.reopened');
    redirectAfterSave(req, res, `/seguimiento/${c.folio}`);
  }
}
