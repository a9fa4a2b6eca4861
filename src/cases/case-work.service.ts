import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FieldError } from '../common/forms';
import { CategoriesService } from '../departments/categories.service';
import { DepartmentsRepository } from '../departments/departments.repository';
import { DepartmentsService } from '../departments/departments.service';
import { OutboxService } from '../notifications/outbox.service';
import { StoredFile } from './attachments';
import { CaseActor } from './case-actor';
import { normalizeFolio } from './case-codes';
import { duplicateEmail, replyEmail, statusEmail, threaded } from './case-emails';
import { CaseStatus, checkTransition, isOpen, needsAnswer, needsReason, StatusActor } from './case-status';
import { redactContacts } from './case-publication';
import { Case, CaseType } from './case.entity';
import { CaseConflictError, CasesService } from './cases.service';
import { CasesRepository } from './cases.repository';

/** Statuses a liaison's queue shows: what was routed to the department, not what is still at triage. */
export const HIDDEN_FROM_LIAISON: readonly CaseStatus[] = ['received', 'in_review'];

export function statusActorOf(by: CaseActor): StatusActor {
  return by.role === 'liaison' ? 'liaison' : by.role === 'citizen' ? 'citizen' : 'staff';
}

/** Whether a staff member may see (and act on) a case. */
export function canSee(c: Pick<Case, 'departmentId' | 'status'>, by: CaseActor): boolean {
  if (by.role === 'admin' || by.role === 'attention') return true;
  if (by.role === 'liaison') return by.departmentId != null && c.departmentId === by.departmentId && !HIDDEN_FROM_LIAISON.includes(c.status);
  return false;
}

/** Who may see a citizen's contact data. */
export function seesContact(by: Pick<CaseActor, 'role'>): boolean {
  return by.role === 'admin' || by.role === 'attention';
}

/** Everything staff do to a case, each act in one transaction with its timeline entry, audit row and emails. */
@Injectable()
export class CaseWorkService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: CasesRepository,
    private readonly cases: CasesService,
    private readonly categories: CategoriesService,
    private readonly departments: DepartmentsService,
    private readonly departmentRows: DepartmentsRepository,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /**
   * Lock the case, refuse it if someone saved it since the form was drawn (optimistic
   * version), check who may act, then run `fn` in the same transaction.
   */
  private async act<T>(caseId: number, version: number, by: CaseActor, fn: (c: Case, m: EntityManager) => Promise<T>, manager?: EntityManager): Promise<T> {
    const run = async (m: EntityManager) => {
      const c = await this.repo.lock(caseId, m);
      if (!c || !canSee(c, by)) throw new NotFoundException();
      if (c.version !== version) throw new CaseConflictError('cases.conflict');
      return fn(c, m);
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  private triageOnly(by: CaseActor) {
    if (by.role !== 'admin' && by.role !== 'attention') throw new FieldError('status', 'cases.status_error.liaison');
  }

  /** Email the citizen, in the case's conversation (Message-ID / In-Reply-To / References), so that their answer threads back. */
  private async notify(m: EntityManager, c: Case, message: ReturnType<typeof replyEmail>) {
    // Not to an anonymised person, nor to one who opposed being written to (ARCO).
    if (c.contactEmail && !c.anonymizedAt && !c.contactOptOutAt) await this.outbox.enqueueEmail(m, threaded(message, await this.cases.openThread(m, c)), `case:${c.id}`);
  }

  async classify(caseId: number, version: number, input: { type: CaseType; categoryId: number; priority: number }, by: CaseActor, manager?: EntityManager) {
    this.triageOnly(by);
    return this.act(caseId, version, by, async (c, m) => {
      const category = await this.categories.find(input.categoryId, m);
      if (!category) throw new FieldError('categoryId', 'cases.validation.unknown_category');
      const changes: Partial<Case> = { type: input.type, categoryId: category.id, priority: input.priority };
      if (category.id !== c.categoryId) {
        const filedDay = this.cases.dayOf(c.createdAt);
        changes.dueDate = await this.departments.deadline(filedDay, category.deadlineDays, m);
        if (c.status === 'received' || c.status === 'in_review') changes.departmentId = category.defaultDepartmentId;
      }
      if (c.status === 'received') changes.status = 'in_review';
      await this.repo.update(c.id, changes, m);
      const data = { type: { from: c.type, to: input.type }, category: { from: c.categoryId, to: category.id, name: category.name }, priority: { from: c.priority, to: input.priority }, dueDate: changes.dueDate };
      await this.cases.event(m, c, by, 'classified', { data });
      if (changes.status) await this.cases.event(m, c, by, 'status', { public: true, data: { from: c.status, to: changes.status } });
      await this.audit.record(by.audit, { action: 'case.classify', entityType: 'case', entityId: c.folio, details: data }, m);
    }, manager);
  }

  /** Route to a department; a department other than the category's default needs a reason. */
  async route(caseId: number, version: number, input: { departmentId: number; reason?: string }, by: CaseActor, manager?: EntityManager) {
    this.triageOnly(by);
    return this.act(caseId, version, by, async (c, m) => {
      const department = await this.departmentRows.findById(input.departmentId, m);
      if (!department || !department.active) throw new FieldError('departmentId', 'validation.unknown_department');
      const category = await this.categories.get(c.categoryId, m);
      const override = category.defaultDepartmentId !== department.id;
      if (override && !input.reason) throw new FieldError('reason', 'cases.validation.route_reason');
      const check = checkTransition(c.status, 'routed', 'staff');
      if (!check.ok) throw new FieldError('departmentId', check.reason);
      const changes: Partial<Case> = { departmentId: department.id, status: 'routed' };
      if (c.departmentId !== department.id) changes.assigneeId = null;
      await this.repo.update(c.id, changes, m);
      await this.cases.event(m, c, by, 'routed', { body: input.reason ?? null, data: { departmentId: department.id, departmentName: department.name, override } });
      if (c.status !== 'routed') await this.cases.event(m, c, by, 'status', { public: true, data: { from: c.status, to: 'routed', departmentName: department.name } });
      await this.audit.record(by.audit, { action: 'case.route', entityType: 'case', entityId: c.folio, details: { from: c.departmentId, to: department.id, override, reason: input.reason ?? null } }, m);
    }, manager);
  }

  async assign(caseId: number, version: number, assigneeId: number | null, by: CaseActor, manager?: EntityManager) {
    return this.act(caseId, version, by, async (c, m) => {
      let name: string | null = null;
      if (assigneeId) {
        const person = (await this.repo.assignable(c.departmentId, m)).find((u) => u.id === assigneeId);
        if (!person) throw new FieldError('assigneeId', 'cases.validation.assignee');
        if (by.role === 'liaison' && person.role !== 'liaison') throw new FieldError('assigneeId', 'cases.validation.assignee');
        name = person.name;
      }
      await this.repo.update(c.id, { assigneeId }, m);
      await this.cases.event(m, c, by, 'assigned', { data: { assigneeId, assigneeName: name } });
      await this.audit.record(by.audit, { action: 'case.assign', entityType: 'case', entityId: c.folio, details: { from: c.assigneeId, to: assigneeId } }, m);
    }, manager);
  }

  /** A public reply: shown on the tracking page and emailed to the citizen. */
  async reply(caseId: number, version: number, body: string, by: CaseActor, manager?: EntityManager) {
    return this.act(caseId, version, by, async (c, m) => {
      if (!isOpen(c.status) && c.status !== 'resolved') throw new FieldError('body', 'cases.validation.reply_closed');
      // A reply answers the citizen's email, if they wrote one: the flag goes down.
      const changes: Partial<Case> = { citizenEmailAt: null };
      if (!c.firstResponseAt) changes.firstResponseAt = this.clock.now();
      await this.repo.update(c.id, changes, m);
      await this.cases.event(m, c, by, 'public_reply', { public: true, body });
      const departmentName = c.departmentId ? ((await this.departmentRows.findById(c.departmentId, m))?.name ?? null) : null;
      // Sent from the official address with the folio in the subject, threaded (notify).
      await this.notify(m, c, replyEmail(this.cases.mail, c.contactEmail ?? '', { folio: c.folio, body, departmentName }));
      await this.audit.record(by.audit, { action: 'case.reply', entityType: 'case', entityId: c.folio, details: { length: body.length } }, m);
    }, manager);
  }

  /** Staff attach photos or documents (e.g. of the work done); internal unless made public later by a reply. */
  async attach(caseId: number, version: number, stored: StoredFile[], by: CaseActor, manager?: EntityManager) {
    return this.act(caseId, version, by, async (c, m) => {
      await this.repo.update(c.id, {}, m);
      await this.cases.addStoredFiles(m, c, stored, by, 'staff');
      await this.audit.record(by.audit, { action: 'case.attach', entityType: 'case', entityId: c.folio, details: { files: stored.map((f) => f.filename) } }, m);
    }, manager);
  }

  /**
   * Approve the text Open311 publishes for this case (when its category is public): redacted
   * here, once, so no read has to. Empty goes back to the category's name.
   */
  async setPublicText(caseId: number, version: number, text: string | undefined, by: CaseActor, manager?: EntityManager) {
    if (by.role !== 'admin' && by.role !== 'attention') throw new FieldError('publicText', 'cases.validation.public_text_role');
    return this.act(caseId, version, by, async (c, m) => {
      const publicText = text?.trim() ? redactContacts(text.trim()) : null;
      await this.repo.update(c.id, { publicText }, m);
      await this.audit.record(by.audit, { action: 'case.public_text', entityType: 'case', entityId: c.folio, details: { from: c.publicText, to: publicText } }, m);
    }, manager);
  }

  async note(caseId: number, version: number, body: string, by: CaseActor, manager?: EntityManager) {
    return this.act(caseId, version, by, async (c, m) => {
      await this.repo.update(c.id, {}, m);
      await this.cases.event(m, c, by, 'internal_note', { body });
      await this.audit.record(by.audit, { action: 'case.note', entityType: 'case', entityId: c.folio, details: { length: body.length } }, m);
    }, manager);
  }

  /**
   * Change the status by the rules of case-status.ts. For "resuelta" and "no procede" the
   * note is a public message to the citizen; sending back to triage needs a reason.
   */
  async changeStatus(caseId: number, version: number, input: { status: CaseStatus; note?: string }, by: CaseActor, manager?: EntityManager) {
    return this.act(caseId, version, by, async (c, m) => {
      if (input.status === 'routed') throw new FieldError('status', 'cases.status_error.use_route');
      if (input.status === 'duplicate') throw new FieldError('status', 'cases.status_error.use_duplicate');
      const check = checkTransition(c.status, input.status, statusActorOf(by));
      if (!check.ok) throw new FieldError('status', check.reason);
      if (needsReason(c.status, input.status) && !input.note) throw new FieldError('note', 'cases.validation.reason');
      // The citizen is told the case was resolved: never without saying what was done.
      if (needsAnswer(input.status) && (input.note ?? '').trim().length < 3) throw new FieldError('note', 'cases.validation.resolution');
      const now = this.clock.now();
      const changes: Partial<Case> = { status: input.status };
      // The note goes to the citizen (tracking page and email) only with "Resuelta" or "No procede",
      // as the form's hint says; with any other status it stays for staff, beside the public change.
      const publicNote = (input.status === 'resolved' || input.status === 'rejected') && !!input.note;
      const publicMessage = ['resolved', 'rejected', 'closed'].includes(input.status);
      if (input.status === 'resolved') changes.resolvedAt = now;
      if (input.status === 'closed' || input.status === 'rejected') changes.closedAt = now;
      if (publicNote && !c.firstResponseAt) changes.firstResponseAt = now;
      // Sent back to triage by a liaison: it was not theirs, so the department is cleared.
      if (input.status === 'in_review' && by.role === 'liaison') Object.assign(changes, { departmentId: null, assigneeId: null });
      await this.repo.update(c.id, changes, m);
      const kind = input.status === 'in_review' && c.status !== 'received' ? 'returned' : 'status';
      const publicEvent = kind === 'status';
      await this.cases.event(m, c, by, kind, { public: publicEvent, body: !publicEvent || publicNote ? input.note ?? null : null, data: { from: c.status, to: input.status } });
      if (publicEvent && input.note && !publicNote) await this.cases.event(m, c, by, 'internal_note', { body: input.note, data: { statusTo: input.status } });
      if (publicMessage) await this.notify(m, c, statusEmail(this.cases.mail, c.contactEmail ?? '', { folio: c.folio, status: input.status as 'resolved', body: publicNote ? input.note ?? null : null }));
      await this.audit.record(by.audit, { action: 'case.status', entityType: 'case', entityId: c.folio, details: { from: c.status, to: input.status, note: input.note ?? null } }, m);
    }, manager);
  }

  /** Mark as duplicate of another case: both are linked, and the citizen of this one is told which folio to follow. */
  async markDuplicate(caseId: number, version: number, originalFolio: string, by: CaseActor, manager?: EntityManager) {
    this.triageOnly(by);
    return this.act(caseId, version, by, async (c, m) => {
      const folio = normalizeFolio(originalFolio);
      const original = folio ? await this.repo.findByFolio(folio, m) : null;
      if (!original || original.id === c.id) throw new FieldError('original', 'cases.validation.duplicate_of');
      const check = checkTransition(c.status, 'duplicate', 'staff');
      if (!check.ok) throw new FieldError('original', check.reason);
      await this.repo.update(c.id, { status: 'duplicate', duplicateOfId: original.id, closedAt: this.clock.now() }, m);
      await this.cases.event(m, c, by, 'duplicate', { public: true, data: { originalFolio: original.folio, from: c.status } });
      await this.cases.event(m, original, by, 'duplicate', { data: { duplicateFolio: c.folio, isOriginal: true } });
      await this.notify(m, c, duplicateEmail(this.cases.mail, c.contactEmail ?? '', { folio: c.folio, originalFolio: original.folio }));
      await this.audit.record(by.audit, { action: 'case.duplicate', entityType: 'case', entityId: c.folio, details: { original: original.folio } }, m);
    }, manager);
  }
}
