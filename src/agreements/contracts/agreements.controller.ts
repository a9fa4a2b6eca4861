/// <reference types="multer" />
import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res, UploadedFile } from '@nestjs/common';
import { MultipartForm } from '../../common/csrf';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { FileStorage } from '../../storage/file-storage';
import { sendStoredFile } from '../../common/user-files';
import { actorFrom } from '../../audit/audit-actor';
import { Roles } from '../../common/access.decorators';
import { flash } from '../../common/flash';
import { FieldErrors, parseForm } from '../../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../../common/render';
import { MediaDirectoryService } from '../../media-relations/media-directory.service';
import { formatMoney } from '../form-rules';
import { attachmentHeader, MAX_UPLOAD_BYTES } from '../uploads';
import { AGREEMENT_STATUSES, isEditable, VAT_RATE } from './agreement-status';
import { AgreementsService, DECISION_PHRASE, OverBudgetError } from './agreements.service';
import {
  AgreementFormDto,
  AnalysisFormDto,
  BudgetLineFormDto,
  DELIVERABLE_KINDS,
  DeliverableFormDto,
  DeliveryFormDto,
  DOCUMENT_KINDS,
  DocumentFormDto,
  PaymentFormDto,
  PROCEDURES,
  SERVICE_CLASSIFICATIONS,
  TransitionFormDto,
} from './contracts.dto';

const UPLOAD = (field: string) => FileInterceptor(field, { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } });
const yearOf = (v: unknown) => (typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : new Date().getFullYear());

/** Fields of one of the page's forms carry a prefix so that ids stay unique on the page. */
function unprefix(body: unknown, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries((body ?? {}) as Record<string, unknown>)) if (k.startsWith(prefix)) out[k.slice(prefix.length)] = v;
  return out;
}
const prefixed = (o: Record<string, unknown>, prefix: string) => Object.fromEntries(Object.entries(o).map(([k, v]) => [prefix + k, v]));

function budgetView(b: { authorized: number; committed: number; exercised: number; available: number; after: number; exceeds: boolean } | null) {
  return b ? { ...b, authorizedText: formatMoney(b.authorized), committedText: formatMoney(b.committed), exercisedText: formatMoney(b.exercised), availableText: formatMoney(b.available), afterText: formatMoney(b.after) } : null;
}

/** /convenios: media agreements, their execution, and the social-communication budget. */
@Controller('convenios')
@Roles('press', 'director')
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly media: MediaDirectoryService,
    private readonly storage: FileStorage,
  ) {}

  @Get()
  async list(@Query('anio') anio: string | undefined, @Query('estado') estado: string | undefined, @Res() res: Response) {
    const year = typeof anio === 'string' && /^\d{4}$/.test(anio) ? Number(anio) : undefined;
    const status = (AGREEMENT_STATUSES as readonly string[]).includes(estado ?? '') ? estado : undefined;
    const rows = (await this.agreements.list({ year, status })).map((r) => ({
      ...r,
      statusLabel: `agreements.status.${r.status}`,
      totalText: formatMoney(r.total),
      paidText: formatMoney(r.paid),
    }));
    render(res, 'agreements/list', {
      title: 'agreements.title',
      tab: 'agreements',
      agreements: plain(rows),
      filter: { year: year ?? '', status: status ?? '' },
      statusOptions: AGREEMENT_STATUSES.map((s) => ({ value: s, label: `agreements.status.${s}` })),
    });
  }

  private async formModel(extra: Record<string, unknown>) {
    const lines = await this.agreements.lineOptions();
    const campaigns = await this.agreements.campaignOptions();
    return {
      tab: 'agreements',
      outletOptions: (await this.media.outletOptions()).map((o) => ({ value: o.id, labelText: o.name })),
      lineOptions: lines.map((l) => ({ value: l.id, labelText: `${l.year} · ${l.code} ${l.name}` })),
      campaignOptions: campaigns.map((c) => ({ value: c.id, labelText: `${c.year} · ${c.name}` })),
      procedureOptions: PROCEDURES.map((v) => ({ value: v, label: `agreements.procedure.${v}` })),
      classificationOptions: SERVICE_CLASSIFICATIONS.map((v) => ({ value: v, label: `agreements.classification.${v}` })),
      vatPercent: VAT_RATE * 100,
      ...extra,
    };
  }

  @Get('nuevo')
  @Roles('press')
  async newForm(@Res() res: Response) {
    render(res, 'agreements/form', await this.formModel({ title: 'agreements.new', isNew: true, values: { procedure: 'direct_award', serviceClassification: 'dissemination', requestingArea: 'Dirección de Comunicación Social' }, errors: {} }));
  }

  @Post()
  @Roles('press')
  create(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.save(null, body, req, res);
  }

  // Budget (before ':id' so that the words are not read as ids)
  @Get('presupuesto')
  async budget(@Query('anio') anio: string | undefined, @Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const year = yearOf(anio);
    const lines = (await this.agreements.lines(year)).map((l) => {
      const authorized = l.modified ?? l.assigned;
      return {
        ...l,
        assignedText: formatMoney(l.assigned),
        modifiedText: l.modified == null ? '' : formatMoney(l.modified),
        committedText: formatMoney(l.committed),
        exercisedText: formatMoney(l.exercised),
        availableText: formatMoney(authorized - l.committed),
        over: l.committed > authorized,
      };
    });
    const sum = (f: (l: (typeof lines)[number]) => number) => formatMoney(lines.reduce((s, l) => s + f(l), 0));
    render(
      res,
      'agreements/budget',
      {
        title: 'agreements.budget.title',
        tab: 'budget',
        year,
        prevYear: year - 1,
        nextYear: year + 1,
        lines: plain(lines),
        totals: { assigned: sum((l) => l.assigned), modified: sum((l) => l.modified ?? l.assigned), committed: sum((l) => l.committed), exercised: sum((l) => l.exercised) },
        values: { year },
        errors: {},
        ...extra,
      },
      status,
    );
  }

  @Post('presupuesto')
  @Roles('press')
  async addLine(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(BudgetLineFormDto, body);
    const year = yearOf(String(form.values.year ?? ''));
    if (!form.ok) return this.budget(String(year), res, 422, { values: form.values, errors: form.errors, hasErrors: true });
    const result = await orFieldError(() => this.agreements.saveLine(null, form.value, actorFrom(req)));
    if (!result.ok) return this.budget(String(year), res, 422, { values: form.values, errors: result.errors, hasErrors: true });
    flash(req, 'success', 'agreements.flash.line_saved');
    res.redirect(303, `/convenios/presupuesto?anio=${form.value.year}`);
  }

  @Get('presupuesto/:id')
  async editLine(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    render(res, 'agreements/budget-line', { title: 'agreements.budget.edit', tab: 'budget', id, values: plain(await this.agreements.line(id)), errors: {} });
  }

  @Post('presupuesto/:id')
  @Roles('press')
  async updateLine(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const model = { title: 'agreements.budget.edit', tab: 'budget', id };
    const form = await parseForm(BudgetLineFormDto, body);
    if (!form.ok) return renderInvalid(res, 'agreements/budget-line', model, form.values, form.errors);
    const result = await orFieldError(() => this.agreements.saveLine(id, form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'agreements/budget-line', model, form.values, result.errors);
    flash(req, 'success', 'agreements.flash.line_saved');
    res.redirect(303, `/convenios/presupuesto?anio=${form.value.year}`);
  }

  @Get(':id')
  async show(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.renderDetail(id, req, res);
  }

  private async renderDetail(id: number, req: Request, res: Response, status = 200, forms: Record<string, { values: Record<string, unknown>; errors: FieldErrors }> = {}) {
    const role = (req.user as { role: string }).role;
    const d = await this.agreements.detail(id, role);
    const a = d.agreement;
    const values = Object.assign({}, ...Object.values(forms).map((f) => f.values));
    const errors = Object.assign({}, ...Object.values(forms).map((f) => f.errors));
    render(
      res,
      'agreements/detail',
      {
        title: 'agreements.detail',
        titleText: `${a.contractNumber ?? `Convenio ${a.id}`} · ${d.outlet.name}`,
        tab: 'agreements',
        a: plain({
          ...a,
          statusLabel: `agreements.status.${a.status}`,
          procedureLabel: `agreements.procedure.${a.procedure}`,
          classificationLabel: `agreements.classification.${a.serviceClassification}`,
          subtotalText: formatMoney(a.subtotal),
          vatText: formatMoney(a.vat),
          totalText: formatMoney(a.total),
          costPerContactText: a.costPerContact == null ? null : formatMoney(a.costPerContact),
        }),
        outlet: plain({ ...d.outlet, typeLabel: `media.outlet_type.${d.outlet.type}` }),
        items: plain(d.items.map((i) => ({ ...i, kindLabel: `agreements.deliverable_kind.${i.kind}`, unitCostText: formatMoney(i.unitCost), amountText: formatMoney(i.amount) }))),
        deliverablesSubtotalText: formatMoney(d.deliverablesSubtotal),
        deliverablesMismatch: d.items.length > 0 && Math.abs(d.deliverablesSubtotal - a.subtotal) > 0.004,
        documents: plain(d.documents.map((x) => ({ ...x, kindLabel: `agreements.document_kind.${x.kind}` }))),
        deliveries: plain(d.deliveries),
        payments: plain(d.payments.map((p) => ({ ...p, amountText: formatMoney(p.amount) }))),
        paidText: formatMoney(d.paid),
        remainingToPayText: formatMoney(d.remainingToPay),
        pendingUnits: d.pendingUnits,
        steps: d.steps.map((s) => ({ ...s, label: `agreements.action.${s.to}` })),
        canDecide: a.status === 'proposed' && role === 'director',
        isPress: role === 'press',
        editable: isEditable(a.status),
        executing: a.status === 'signed' || a.status === 'active',
        payable: ['signed', 'active', 'concluded'].includes(a.status),
        showAnalysis: a.status === 'analysis' && role === 'press',
        line: d.line ? plain(d.line) : null,
        budget: budgetView(d.budget),
        decisionPhrase: DECISION_PHRASE,
        suggestedReach: d.suggestedReach,
        kindOptions: DELIVERABLE_KINDS.map((v) => ({ value: v, label: `agreements.deliverable_kind.${v}` })),
        documentKindOptions: DOCUMENT_KINDS.map((v) => ({ value: v, label: `agreements.document_kind.${v}` })),
        clippingOptions: d.clippings.map((c) => ({ value: c.id, labelText: `${new Date(c.publishedAt).toISOString().slice(0, 10)} · ${c.headline}` })),
        deliverableOptions: d.items.filter((i) => i.remaining > 0).map((i) => ({ value: i.id, labelText: `${i.description} (${i.remaining})` })),
        values,
        errors,
        hasErrors: status === 422,
      },
      status,
    );
  }

  @Get(':id/editar')
  @Roles('press')
  async editForm(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const a = await this.agreements.get(id);
    render(res, 'agreements/form', await this.formModel({ title: 'agreements.edit', id, values: plain(a), errors: {} }));
  }

  @Post(':id')
  @Roles('press')
  update(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.save(id, body, req, res);
  }

  private async save(id: number | null, body: unknown, req: Request, res: Response) {
    const model = await this.formModel({ title: id ? 'agreements.edit' : 'agreements.new', id, isNew: !id });
    const form = await parseForm(AgreementFormDto, body);
    if (!form.ok) return renderInvalid(res, 'agreements/form', model, form.values, form.errors);
    try {
      const a = await this.agreements.save(id, form.value, actorFrom(req));
      flash(req, 'success', 'agreements.flash.saved');
      res.redirect(303, `/convenios/${a.id}`);
    } catch (e) {
      if (e instanceof OverBudgetError) return renderInvalid(res, 'agreements/form', { ...model, overBudget: budgetView(e.situation) }, form.values, { overBudgetAck: e.message });
      const result = await orFieldError(() => Promise.reject(e));
      if (!result.ok) return renderInvalid(res, 'agreements/form', model, form.values, result.errors);
    }
  }

  @Post(':id/analisis')
  @Roles('press')
  async analysis(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(AnalysisFormDto, body);
    if (!form.ok) return this.renderDetail(id, req, res, 422, { analysis: form });
    const result = await orFieldError(() => this.agreements.saveAnalysis(id, form.value, actorFrom(req)));
    if (!result.ok) return this.renderDetail(id, req, res, 422, { analysis: { values: form.values, errors: result.errors } });
    flash(req, 'success', 'agreements.flash.analysis_saved');
    res.redirect(303, `/convenios/${id}`);
  }

  @Post(':id/estado')
  async transition(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(TransitionFormDto, body);
    if (!form.ok) return this.renderDetail(id, req, res, 422, { transition: form });
    const actor = { ...actorFrom(req), name: (req.user as { name?: string }).name };
    const result = await orFieldError(() => this.agreements.transition(id, form.value, actor));
    if (!result.ok) return this.renderDetail(id, req, res, 422, { transition: { values: form.values, errors: result.errors } });
    flash(req, 'success', `agreements.flash.moved.${form.value.to}`);
    res.redirect(303, `/convenios/${id}`);
  }

  @Post(':id/entregables')
  @Roles('press')
  async addDeliverable(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(DeliverableFormDto, unprefix(body, 'dv_'));
    if (!form.ok) return this.renderDetail(id, req, res, 422, { deliverable: { values: prefixed(form.values, 'dv_'), errors: prefixed(form.errors, 'dv_') as FieldErrors } });
    const result = await orFieldError(() => this.agreements.addDeliverable(id, form.value, actorFrom(req)));
    if (!result.ok) return this.renderDetail(id, req, res, 422, { deliverable: { values: prefixed(form.values, 'dv_'), errors: prefixed(result.errors, 'dv_') as FieldErrors } });
    flash(req, 'success', 'agreements.flash.deliverable_added');
    res.redirect(303, `/convenios/${id}#entregables`);
  }

  @Post(':id/entregables/:did/eliminar')
  @Roles('press')
  async removeDeliverable(@Param('id', ParseIntPipe) id: number, @Param('did', ParseIntPipe) did: number, @Req() req: Request, @Res() res: Response) {
    const result = await orFieldError(() => this.agreements.removeDeliverable(id, did, actorFrom(req)));
    if (!result.ok) return this.renderDetail(id, req, res, 422, { deliverable: { values: {}, errors: prefixed(result.errors, 'dv_') as FieldErrors } });
    flash(req, 'success', 'agreements.flash.deliverable_removed');
    res.redirect(303, `/convenios/${id}#entregables`);
  }

  @Post(':id/documentos')
  @Roles('press')
  @MultipartForm(UPLOAD('doc_file'))
  async upload(@Param('id', ParseIntPipe) id: number, @UploadedFile() file: Express.Multer.File | undefined, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(DocumentFormDto, unprefix(body, 'doc_'));
    const fail = (errors: FieldErrors) => this.renderDetail(id, req, res, 422, { document: { values: prefixed(form.values, 'doc_'), errors: prefixed(errors, 'doc_') as FieldErrors } });
    if (!form.ok) return fail(form.errors);
    const result = await orFieldError(() => this.agreements.addDocument(id, form.value.kind, file, actorFrom(req)));
    if (!result.ok) return fail(result.errors);
    flash(req, 'success', 'agreements.flash.document_added');
    res.redirect(303, `/convenios/${id}#documentos`);
  }

  @Get(':id/documentos/:docId')
  async download(@Param('id', ParseIntPipe) id: number, @Param('docId', ParseIntPipe) docId: number, @Req() req: Request, @Res() res: Response) {
    const doc = await this.agreements.document(id, docId);
    await sendStoredFile(req, res, this.storage, doc.storageKey, () => {
      res.setHeader('Content-Type', doc.mimeType);
      res.setHeader('Content-Disposition', attachmentHeader(doc.originalName));
      res.setHeader('X-Content-Type-Options', 'nosniff');
    });
  }

  @Post(':id/entregas')
  @Roles('press')
  @MultipartForm(UPLOAD('dlv_file'))
  async delivery(@Param('id', ParseIntPipe) id: number, @UploadedFile() file: Express.Multer.File | undefined, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(DeliveryFormDto, unprefix(body, 'dlv_'));
    const fail = (errors: FieldErrors) => this.renderDetail(id, req, res, 422, { delivery: { values: prefixed(form.values, 'dlv_'), errors: prefixed(errors, 'dlv_') as FieldErrors } });
    if (!form.ok) return fail(form.errors);
    const result = await orFieldError(() => this.agreements.recordDelivery(id, form.value, file, actorFrom(req)));
    if (!result.ok) return fail(result.errors);
    flash(req, 'success', 'agreements.flash.delivery_recorded');
    res.redirect(303, `/convenios/${id}#ejecucion`);
  }

  @Post(':id/pagos')
  @Roles('press')
  @MultipartForm(UPLOAD('pay_file'))
  async payment(@Param('id', ParseIntPipe) id: number, @UploadedFile() file: Express.Multer.File | undefined, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(PaymentFormDto, unprefix(body, 'pay_'));
    const fail = (errors: FieldErrors) => this.renderDetail(id, req, res, 422, { payment: { values: prefixed(form.values, 'pay_'), errors: prefixed(errors, 'pay_') as FieldErrors } });
    if (!form.ok) return fail(form.errors);
    const result = await orFieldError(() => this.agreements.recordPayment(id, form.value, file, actorFrom(req)));
    if (!result.ok) return fail(result.errors);
    flash(req, 'success', 'agreements.flash.payment_recorded');
    res.redirect(303, `/convenios/${id}#pagos`);
  }
}
