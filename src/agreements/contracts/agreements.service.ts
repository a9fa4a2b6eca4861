/// <reference types="multer" />
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../audit/audit-actor';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { localDate } from '../../common/local-time';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { FileStorage } from '../../storage/file-storage';
import { FieldError } from '../../common/forms';
import { MediaDirectoryService } from '../../media-relations/media-directory.service';
import { MonitoringService } from '../../monitoring/monitoring.service';
import { round2 } from '../form-rules';
import { checkUpload } from '../uploads';
import { AgreementStatus, budgetSituation, BudgetSituation, checkTransition, costPerContact, EXECUTING, isEditable, nextSteps, TransitionContext, withVat } from './agreement-status';
import { AgreementFormDto, AnalysisFormDto, BudgetLineFormDto, DeliverableFormDto, DeliveryFormDto, PaymentFormDto, TransitionFormDto } from './contracts.dto';
import { ContractsRepository } from './contracts.repository';
import { MediaAgreement } from './media-agreement.entity';

/** The phrase recorded with the mayor's decision (work plan, objective 8). */
export const DECISION_PHRASE = 'en acuerdo absoluto con la Presidenta Municipal';

/** Thrown when an agreement would exceed its budget line and the person has not acknowledged it. */
export class OverBudgetError extends FieldError {
  constructor(readonly situation: BudgetSituation) {
    super('overBudgetAck', 'agreements.validation.over_budget');
  }
}

/**
 * Media agreements: reception, analysis, the mayor's decision, signature, execution
 * (deliveries with evidence, payments against invoices) and the budget they commit.
 */
@Injectable()
export class AgreementsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: ContractsRepository,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    private readonly media: MediaDirectoryService,
    private readonly clock: Clock,
    private readonly monitoring: MonitoringService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private tx<T>(manager: EntityManager | undefined, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return manager ? fn(manager) : this.dataSource.transaction(fn);
  }

  list(filter: { year?: number; status?: string }) {
    return this.repo.list(filter);
  }

  async get(id: number, manager?: EntityManager): Promise<MediaAgreement> {
    const a = await this.repo.find(id, manager);
    if (!a) throw new NotFoundException();
    return a;
  }

  /** Everything the agreement's page shows. */
  async detail(id: number, role: string) {
    const a = await this.get(id);
    const outlet = await this.media.outlet(a.outletId);
    const deliverables = await this.repo.deliverables(id);
    const delivered = await this.repo.deliveredUnits(id);
    const documents = await this.repo.documents(id);
    const deliveries = await this.repo.deliveries(id);
    const payments = await this.repo.payments(id);
    const paid = round2(payments.reduce((s, p) => s + Number(p.amount), 0));
    const items = deliverables.map((d) => ({ ...d, amount: round2(d.quantity * d.unitCost), delivered: delivered.get(d.id) ?? 0, remaining: d.quantity - (delivered.get(d.id) ?? 0) }));
    const deliverablesSubtotal = round2(items.reduce((s, d) => s + d.amount, 0));
    const ctx = await this.context(a, role);
    const line = a.budgetLineId ? await this.repo.findLine(a.budgetLineId) : null;
    let budget: BudgetSituation | null = null;
    if (line) {
      const { committed, exercised } = await this.repo.committedOn(line.id, a.id);
      budget = budgetSituation(line, committed, exercised, a.total);
    }
    return {
      agreement: a,
      outlet,
      items,
      deliverablesSubtotal,
      documents,
      deliveries,
      payments,
      paid,
      remainingToPay: round2(a.total - paid),
      pendingUnits: ctx.pendingUnits,
      steps: nextSteps(a.status, ctx),
      line,
      budget,
      suggestedReach: a.analysisReach ?? outlet.reach ?? null,
      clippings: await this.monitoring.clippingsOfOutlet(a.outletId, a.startsOn, a.endsOn),
    };
  }

  private async context(a: MediaAgreement, role: string, manager?: EntityManager): Promise<TransitionContext> {
    const deliverables = await this.repo.deliverables(a.id, manager);
    const delivered = await this.repo.deliveredUnits(a.id, manager);
    const documents = await this.repo.documents(a.id, manager);
    return {
      role,
      hasAnalysis: !!a.analysisNotes,
      hasDeliverables: deliverables.length > 0,
      hasContractNumber: !!a.contractNumber,
      hasSignedContract: documents.some((d) => d.kind === 'contract'),
      pendingUnits: deliverables.reduce((s, d) => s + Math.max(0, d.quantity - (delivered.get(d.id) ?? 0)), 0),
    };
  }

  /** The budget situation if `total` is charged to a line (null without a line). */
  async budgetCheck(lineId: number | null | undefined, total: number, excludeAgreementId: number | null, manager?: EntityManager): Promise<BudgetSituation | null> {
    if (!lineId) return null;
    const line = await this.repo.findLine(lineId, manager);
    if (!line) throw new FieldError('budgetLineId', 'agreements.validation.budget_line');
    const { committed, exercised } = await this.repo.committedOn(lineId, excludeAgreementId, manager);
    return budgetSituation(line, committed, exercised, total);
  }

  async save(id: number | null, dto: AgreementFormDto, actor: Actor, manager?: EntityManager): Promise<MediaAgreement> {
    if (dto.endsOn < dto.startsOn) throw new FieldError('endsOn', 'agreements.validation.ends_before_start');
    return this.tx(manager, async (m) => {
      const outlet = await this.repo.outletBrief(dto.outletId, m);
      if (!outlet) throw new FieldError('outletId', 'agreements.validation.outlet');
      if (dto.contractNumber) {
        const other = await this.repo.findByContractNumber(dto.contractNumber, m);
        if (other && other.id !== id) throw new FieldError('contractNumber', 'agreements.validation.contract_taken');
      }
      if (dto.campaignId) {
        if (!(await this.repo.campaignOptions(m)).some((c) => c.id === dto.campaignId)) throw new FieldError('campaignId', 'agreements.validation.campaign');
      }
      const money = withVat(dto.subtotal);
      const situation = await this.budgetCheck(dto.budgetLineId, money.total, id, m);
      if (situation?.exceeds && !dto.overBudgetAck) throw new OverBudgetError(situation);
      const fields = {
        outletId: dto.outletId,
        supplierName: dto.supplierName,
        supplierRfc: dto.supplierRfc,
        object: dto.object,
        contractNumber: dto.contractNumber ?? null,
        ...money,
        startsOn: dto.startsOn,
        endsOn: dto.endsOn,
        year: Number(dto.startsOn.slice(0, 4)),
        budgetLineId: dto.budgetLineId ?? null,
        campaignId: dto.campaignId ?? null,
        requestingArea: dto.requestingArea,
        procedure: dto.procedure,
        legalBasis: dto.legalBasis ?? null,
        serviceClassification: dto.serviceClassification,
        serviceType: dto.serviceType ?? null,
      };
      const details = { ...fields, overBudget: situation?.exceeds ? { authorized: situation.authorized, after: situation.after } : undefined };
      if (id === null) {
        const a = await this.repo.save({ ...fields, status: 'received', createdByUserId: actor.userId }, m);
        await this.audit.record(actor, { action: 'media_agreement.create', entityType: 'media_agreement', entityId: a.id, details }, m);
        return a;
      }
      const a = await this.repo.findForUpdate(id, m);
      if (!a) throw new NotFoundException();
      // After approval only the contract number may still be written (it arrives with the signature).
      if (!isEditable(a.status)) {
        const onlyNumber = Object.entries(fields).every(([k, v]) => k === 'contractNumber' || String((a as unknown as Record<string, unknown>)[k] ?? '') === String(v ?? ''));
        if (!onlyNumber || a.status !== 'approved') throw new FieldError('object', 'agreements.validation.not_editable');
      }
      Object.assign(a, fields);
      await this.repo.save(a, m);
      await this.audit.record(actor, { action: 'media_agreement.update', entityType: 'media_agreement', entityId: id, details }, m);
      return a;
    });
  }

  async saveAnalysis(id: number, dto: AnalysisFormDto, actor: Actor, manager?: EntityManager): Promise<void> {
    await this.tx(manager, async (m) => {
      const a = await this.repo.findForUpdate(id, m);
      if (!a) throw new NotFoundException();
      if (a.status !== 'analysis') throw new FieldError('analysisNotes', 'agreements.validation.analysis_status');
      const reach = dto.analysisReach ?? (await this.repo.outletBrief(a.outletId, m))?.reach ?? null;
      a.analysisNotes = dto.analysisNotes;
      a.analysisReach = reach;
      a.costPerContact = costPerContact(a.total, reach);
      await this.repo.save(a, m);
      await this.audit.record(actor, { action: 'media_agreement.analysis', entityType: 'media_agreement', entityId: id, details: { reach, costPerContact: a.costPerContact } }, m);
    });
  }

  /**
   * Move an agreement. Only a director approves or rejects, and the decision records the
   * director's name, the date and the phrase "en acuerdo absoluto con la Presidenta Municipal".
   */
  async transition(id: number, dto: TransitionFormDto, actor: Actor & { name?: string }, manager?: EntityManager): Promise<MediaAgreement> {
    return this.tx(manager, async (m) => {
      const a = await this.repo.findForUpdate(id, m);
      if (!a) throw new NotFoundException();
      const to = dto.to as AgreementStatus;
      if (to === 'signed' && dto.contractDate) a.contractDate = dto.contractDate;
      const verdict = checkTransition(a.status, to, await this.context(a, actor.role ?? '', m));
      if (!verdict.ok) throw new FieldError('to', verdict.reason);
      const from = a.status;
      a.status = to;
      const details: Record<string, unknown> = { from, to, note: dto.note ?? null };
      if (to === 'approved' || to === 'rejected') {
        a.decidedByUserId = actor.userId;
        a.decidedByName = actor.name ?? actor.label;
        a.decidedAt = this.clock.now();
        a.decisionNote = dto.note ?? null;
        Object.assign(details, { decidedBy: a.decidedByName, decidedAt: a.decidedAt.toISOString(), phrase: DECISION_PHRASE });
      }
      if (to === 'signed' && !a.contractDate) a.contractDate = this.today();
      if (to === 'concluded') a.concludedAt = this.clock.now();
      await this.repo.save(a, m);
      await this.audit.record(actor, { action: `media_agreement.${to}`, entityType: 'media_agreement', entityId: id, details }, m);
      return a;
    });
  }

  private today(): string {
    return localDate(this.clock.now(), this.config.TIMEZONE);
  }

  async addDeliverable(id: number, dto: DeliverableFormDto, actor: Actor, manager?: EntityManager) {
    return this.tx(manager, async (m) => {
      const a = await this.repo.findForUpdate(id, m);
      if (!a) throw new NotFoundException();
      if (!isEditable(a.status)) throw new FieldError('description', 'agreements.validation.not_editable');
      const d = await this.repo.saveDeliverable({ agreementId: id, kind: dto.kind, description: dto.description, quantity: dto.quantity, unitCost: dto.unitCost }, m);
      await this.audit.record(actor, { action: 'media_agreement.deliverable_add', entityType: 'media_agreement', entityId: id, details: { deliverableId: d.id, kind: d.kind, quantity: d.quantity, unitCost: d.unitCost } }, m);
      return d;
    });
  }

  async removeDeliverable(id: number, deliverableId: number, actor: Actor) {
    await this.dataSource.transaction(async (m) => {
      const a = await this.repo.findForUpdate(id, m);
      const d = await this.repo.findDeliverable(deliverableId, m);
      if (!a || !d || d.agreementId !== id) throw new NotFoundException();
      if (!isEditable(a.status)) throw new FieldError('description', 'agreements.validation.not_editable');
      await this.repo.deleteDeliverable(deliverableId, m);
      await this.audit.record(actor, { action: 'media_agreement.deliverable_remove', entityType: 'media_agreement', entityId: id, details: { deliverableId, description: d.description } }, m);
    });
  }

  /** Store a file checked by its content (PDF, JPEG, PNG, XLSX, DOCX) and record it. */
  async addDocument(id: number, kind: string, file: Express.Multer.File | undefined, actor: Actor, manager?: EntityManager) {
    const checked = await checkUpload(file);
    await this.get(id, manager);
    const key = this.storage.newKey('agreements', checked.ext);
    await this.storage.put(key, file!.buffer);
    try {
      return await this.tx(manager, async (m) => {
        const doc = await this.repo.saveDocument({ agreementId: id, kind, storageKey: key, originalName: checked.originalName, mimeType: checked.mime, size: checked.size, uploadedByUserId: actor.userId }, m);
        await this.audit.record(actor, { action: 'media_agreement.document', entityType: 'media_agreement', entityId: id, details: { documentId: doc.id, kind, name: doc.originalName, size: doc.size } }, m);
        return doc;
      });
    } catch (e) {
      await this.storage.delete(key);
      throw e;
    }
  }

  async document(id: number, documentId: number) {
    const doc = await this.repo.findDocument(documentId);
    if (!doc || doc.agreementId !== id) throw new NotFoundException();
    return doc;
  }

  /** Units of a deliverable delivered, with their evidence: a file, or a clipping of the outlet from media monitoring. */
  async recordDelivery(id: number, dto: DeliveryFormDto, file: Express.Multer.File | undefined, actor: Actor, manager?: EntityManager) {
    const hasFile = !!file?.size;
    const evidence = { clippingId: dto.clippingId };
    if (!hasFile && !evidence.clippingId) throw new FieldError('file', 'agreements.validation.evidence_required');
    if (hasFile) await checkUpload(file);
    return this.tx(manager, async (m) => {
      const a = await this.repo.findForUpdate(id, m);
      if (!a) throw new NotFoundException();
      if (!EXECUTING.includes(a.status)) throw new FieldError('deliverableId', 'agreements.validation.not_executing');
      const d = await this.repo.findDeliverable(dto.deliverableId, m);
      if (!d || d.agreementId !== id) throw new FieldError('deliverableId', 'agreements.validation.deliverable');
      const done = (await this.repo.deliveredUnits(id, m)).get(d.id) ?? 0;
      if (dto.quantity > d.quantity - done) throw new FieldError('quantity', 'agreements.validation.more_than_remaining');
      if (evidence.clippingId && !(await this.monitoring.clippingsOfOutlet(a.outletId, a.startsOn, a.endsOn, m)).some((c) => c.id === evidence.clippingId)) {
        throw new FieldError('clippingId', 'agreements.validation.clipping');
      }
      const doc = hasFile ? await this.addDocument(id, 'evidence', file, actor, m) : null;
      const v = await this.repo.saveDelivery(
        { agreementId: id, deliverableId: d.id, quantity: dto.quantity, deliveredOn: dto.deliveredOn, documentId: doc?.id ?? null, clippingId: evidence.clippingId ?? null, notes: dto.notes ?? null, createdByUserId: actor.userId },
        m,
      );
      await this.audit.record(actor, { action: 'media_agreement.delivery', entityType: 'media_agreement', entityId: id, details: { deliveryId: v.id, deliverableId: d.id, quantity: dto.quantity, documentId: doc?.id ?? null, clippingId: evidence.clippingId ?? null } }, m);
      return v;
    });
  }

  /** A payment against an invoice; never more than what remains of the total. */
  async recordPayment(id: number, dto: PaymentFormDto, file: Express.Multer.File | undefined, actor: Actor, manager?: EntityManager) {
    if (file?.size) await checkUpload(file);
    return this.tx(manager, async (m) => {
      const a = await this.repo.findForUpdate(id, m);
      if (!a) throw new NotFoundException();
      if (!EXECUTING.includes(a.status) && a.status !== 'concluded') throw new FieldError('invoiceNumber', 'agreements.validation.not_executing');
      const paid = await this.repo.paidTotal(id, m);
      if (round2(paid + dto.amount) > a.total) throw new FieldError('amount', 'agreements.validation.more_than_total');
      const doc = file?.size ? await this.addDocument(id, 'invoice', file, actor, m) : null;
      const p = await this.repo.savePayment(
        { agreementId: id, invoiceNumber: dto.invoiceNumber, invoiceDate: dto.invoiceDate, amount: dto.amount, paidOn: dto.paidOn, documentId: doc?.id ?? null, notes: dto.notes ?? null, createdByUserId: actor.userId },
        m,
      );
      await this.audit.record(actor, { action: 'media_agreement.payment', entityType: 'media_agreement', entityId: id, details: { paymentId: p.id, invoiceNumber: p.invoiceNumber, amount: p.amount } }, m);
      return p;
    });
  }

  // Budget
  lines(year: number) {
    return this.repo.lines(year);
  }
  lineOptions() {
    return this.repo.lineOptions();
  }
  campaignOptions() {
    return this.repo.campaignOptions();
  }
  async line(id: number) {
    const l = await this.repo.findLine(id);
    if (!l) throw new NotFoundException();
    return l;
  }

  async saveLine(id: number | null, dto: BudgetLineFormDto, actor: Actor, manager?: EntityManager) {
    return this.tx(manager, async (m) => {
      const other = await this.repo.findLineByCode(dto.year, dto.code, m);
      if (other && other.id !== id) throw new FieldError('code', 'agreements.validation.code_taken');
      const fields = { year: dto.year, code: dto.code, name: dto.name, assigned: dto.assigned, modified: dto.modified ?? null, notes: dto.notes ?? null };
      if (id === null) {
        const l = await this.repo.saveLine(fields, m);
        await this.audit.record(actor, { action: 'budget_line.create', entityType: 'budget_line', entityId: l.id, details: fields }, m);
        return l;
      }
      const l = await this.repo.findLine(id, m);
      if (!l) throw new NotFoundException();
      const before = { assigned: l.assigned, modified: l.modified, name: l.name, code: l.code };
      Object.assign(l, fields);
      await this.repo.saveLine(l, m);
      await this.audit.record(actor, { action: 'budget_line.update', entityType: 'budget_line', entityId: id, details: { before, after: fields } }, m);
      return l;
    });
  }
}
