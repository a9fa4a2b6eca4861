import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FieldError } from '../common/forms';
import { APP_CONFIG, AppConfig } from '../config/config';
import { CategoriesService } from '../departments/categories.service';
import type { CaseAnswer } from '../departments/category-questions';
import { DepartmentsRepository } from '../departments/departments.repository';
import { DepartmentsService } from '../departments/departments.service';
import { OutboxService } from '../notifications/outbox.service';
import { AttachmentsService, CheckedFile, StoredFile } from './attachments';
import { CaseActor, CITIZEN_LABEL, localDay } from './case-actor';
import { formatFolio, hashTrackingCode, newTrackingCode, normalizeFolio, trackingCodeMatches } from './case-codes';
import { MailContext, newMessageId, receiptEmail, threaded } from './case-emails';
import { EventKind } from './case-event.entity';
import { generalizeStreet, roundCoordinate } from './case-publication';
import { checkTransition, FINAL_STATUSES } from './case-status';
import { Case, CaseType, Channel } from './case.entity';
import { CasesRepository } from './cases.repository';
import { formatInstant } from '../common/local-time';

export interface FileCaseInput {
  type: CaseType;
  categoryId: number;
  description: string;
  locality: string;
  neighborhood?: string;
  street?: string;
  reference?: string;
  latitude?: number;
  longitude?: number;
  contactName?: string;
  contactEmail?: string;
  contactPhone?: string;
  consent: boolean;
  channel: Channel;
  privacyVersion: string;
  /** Answers to the category's questions, already checked (CategoryQuestionsService.check). */
  answers?: CaseAnswer[];
  /** Filed from an email: its Message-ID, so that the receipt answers it and the conversation threads. */
  emailMessageId?: string;
  /**
   * When the request reached the town hall, if before its registration (an email turned into a
   * case days later): the case's date of receipt and the start of its deadline. Never in the future.
   */
  receivedAt?: Date;
}

export interface Receipt {
  folio: string;
  code: string;
  caseId: number;
}

/** A message the person can act on, tied to no field (e.g. a concurrent edit). */
export class CaseConflictError extends Error {}

/** Filing a case (web or counter) and what the citizen does with it afterwards. */
@Injectable()
export class CasesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: CasesRepository,
    private readonly categories: CategoriesService,
    private readonly departments: DepartmentsService,
    private readonly departmentRows: DepartmentsRepository,
    private readonly attachments: AttachmentsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  get mail(): MailContext {
    return { publicUrl: this.config.PUBLIC_URL, municipality: this.config.MUNICIPALITY_NAME };
  }

  today(): string {
    return localDay(this.clock.now(), this.config.TIMEZONE);
  }

  dayOf(at: Date): string {
    return localDay(at, this.config.TIMEZONE);
  }

  /** Write one timeline entry. */
  event(m: EntityManager, c: Pick<Case, 'id'>, by: CaseActor, kind: EventKind, opts: { public?: boolean; body?: string | null; data?: Record<string, unknown> } = {}) {
    return this.repo.addEvent({ caseId: c.id, kind, public: opts.public ?? false, body: opts.body ?? null, data: opts.data ?? {}, actorId: by.userId, actorLabel: by.name.slice(0, 150), createdAt: this.clock.now() }, m);
  }

  /**
   * File a case. Files are checked and stored before the transaction (slow work outside it);
   * the folio counter row is locked inside it, so folios of a year have no gaps or repeats.
   */
  async file(input: FileCaseInput, files: CheckedFile[], by: CaseActor, manager?: EntityManager, alreadyStored: StoredFile[] = []): Promise<Receipt> {
    const category = await this.categories.find(input.categoryId, manager);
    if (!category || !category.active) throw new FieldError('categoryId', 'cases.validation.unknown_category');
    if (!input.consent) throw new FieldError('consent', 'cases.validation.consent');
    // Files stored earlier (a photo kept while the citizen corrected the form) stay the caller's on failure.
    const fresh = await this.attachments.store(files);
    const stored = [...alreadyStored, ...fresh];
    const code = newTrackingCode();
    const run = async (m: EntityManager): Promise<Receipt> => {
      const now = this.clock.now();
      const received = input.receivedAt && input.receivedAt.getTime() < now.getTime() ? input.receivedAt : now;
      const year = Number(localDay(now, this.config.TIMEZONE).slice(0, 4)); // folios are numbered as they are registered
      // What needs no folio comes first: from nextSeq on, every other filing waits for this one.
      const dueDate = await this.departments.deadline(localDay(received, this.config.TIMEZONE), category.deadlineDays, m);
      const contactEmail = input.contactEmail?.toLowerCase() ?? null;
      const departmentName = contactEmail && category.defaultDepartmentId ? ((await this.departmentRows.findById(category.defaultDepartmentId, m))?.name ?? null) : null;
      const filedAt = formatInstant(received, this.config.TIMEZONE);
      const seq = await this.repo.nextSeq(year, m);
      const folio = formatFolio(year, seq);
      const c = await this.repo.insertCase(
        {
          folio, year, seq, trackingCodeHash: hashTrackingCode(code), type: input.type, categoryId: category.id,
          departmentId: category.defaultDepartmentId, status: 'received', priority: 2, channel: input.channel,
          description: input.description, answers: input.answers ?? [], locality: input.locality, neighborhood: input.neighborhood ?? null,
          street: input.street ?? null, reference: input.reference ?? null, latitude: input.latitude ?? null, longitude: input.longitude ?? null,
          publicStreet: generalizeStreet(input.street), publicLatitude: roundCoordinate(input.latitude), publicLongitude: roundCoordinate(input.longitude),
          contactName: input.contactName ?? null, contactEmail, contactPhone: input.contactPhone ?? null,
          consentAt: now, consentVersion: input.privacyVersion, dueDate, createdById: by.userId, createdAt: received, updatedAt: now,
        },
        m,
      );
      await this.event(m, c, by, 'filed', { public: true, data: { channel: input.channel, dueDate, categoryName: category.name } });
      await this.addStoredFiles(m, c, stored, by, by.role === 'citizen' ? 'citizen' : 'staff');
      await this.audit.record(by.audit, { action: 'case.create', entityType: 'case', entityId: folio, details: { channel: input.channel, categoryId: category.id, attachments: stored.length } }, m);
      if (c.contactEmail) {
        const thread = await this.openThread(m, c, input.emailMessageId, true);
        await this.outbox.enqueueEmail(m, threaded(receiptEmail(this.mail, c.contactEmail, { folio, code, name: c.contactName, categoryName: category.name, departmentName, dueDate, filedAt }), thread), `case:${c.id}`);
      } else if (input.emailMessageId) {
        await this.repo.addMessageId(c.id, input.emailMessageId, 'in', m);
      }
      return { folio, code, caseId: c.id };
    };
    try {
      return manager ? await run(manager) : await this.dataSource.transaction(run);
    } catch (e) {
      await this.attachments.discard(fresh);
      throw e;
    }
  }

  /**
   * The threading headers of the next email of a case's conversation, remembered for the
   * mailbox to match answers: a new Message-ID answering the latest one known.
   */
  /**
   * The case's email conversation, with a new outgoing Message-ID. A case just filed has no
   * thread but the citizen's own message, so nothing is read back (filing holds the folio lock).
   */
  async openThread(m: EntityManager, c: Pick<Case, 'id' | 'folio'>, incomingMessageId?: string, justFiled = false) {
    if (incomingMessageId) await this.repo.addMessageId(c.id, incomingMessageId, 'in', m);
    const references = justFiled ? (incomingMessageId ? [incomingMessageId] : []) : await this.repo.threadIds(c.id, m);
    const messageId = newMessageId(c.folio, this.config.MAIL_FROM);
    await this.repo.addMessageId(c.id, messageId, 'out', m);
    return { messageId, inReplyTo: references[references.length - 1], references };
  }

  /**
   * A citizen's answer by email, threaded by the mailbox: the citizen's message on the
   * timeline (with its files), and the case flagged until staff reply.
   */
  async addCitizenEmail(caseId: number, input: { body: string; messageId: string | null; subject: string }, stored: StoredFile[], by: CaseActor, m: EntityManager): Promise<Case> {
    const c = await this.repo.lock(caseId, m);
    if (!c) throw new NotFoundException();
    if (input.messageId) await this.repo.addMessageId(c.id, input.messageId, 'in', m);
    await this.event(m, c, by, 'citizen_info', { public: true, body: input.body, data: { via: 'email', subject: input.subject.slice(0, 300) } });
    await this.addStoredFiles(m, c, stored, by, 'citizen');
    await this.repo.update(c.id, { citizenEmailAt: this.clock.now() }, m);
    await this.audit.record(by.audit, { action: 'case.citizen_email', entityType: 'case', entityId: c.folio, details: { attachments: stored.length } }, m);
    return c;
  }

  /** Store files checked elsewhere (the mailbox), images without metadata; slow: call it outside a transaction. */
  storeFiles(files: CheckedFile[]): Promise<StoredFile[]> {
    return this.attachments.store(files);
  }

  discardFiles(files: StoredFile[]): Promise<void> {
    return this.attachments.discard(files);
  }

  async addStoredFiles(m: EntityManager, c: Case, stored: StoredFile[], by: CaseActor, source: 'citizen' | 'staff') {
    for (const f of stored) {
      const a = await this.repo.addAttachment({ caseId: c.id, storageKey: f.storageKey, originalKey: f.originalKey, thumbKey: f.thumbKey, filename: f.filename, contentType: f.contentType, size: f.size, source }, m);
      await this.event(m, c, by, 'attachment', { public: source === 'citizen', data: { attachmentId: a.id, filename: f.filename, contentType: f.contentType } });
    }
  }

  /** The receipt's facts (page and PDF). */
  async receipt(folio: string) {
    const c = await this.repo.detail(folio);
    if (!c) throw new NotFoundException();
    return c;
  }

  /** The case for a folio and tracking code, or null whichever is wrong (the caller shows one message). */
  async track(folioInput: unknown, code: unknown): Promise<Case | null> {
    const folio = normalizeFolio(folioInput);
    const c = folio ? await this.repo.findByFolio(folio) : null;
    // Compare against a dummy hash when the folio is unknown, so both paths cost the same.
    const ok = trackingCodeMatches(code, c?.trackingCodeHash ?? 'f'.repeat(64));
    return c && ok ? c : null;
  }

  async publicView(caseId: number) {
    const c = await this.repo.findById(caseId);
    if (!c) throw new NotFoundException();
    const detail = (await this.repo.detail(c.folio))!;
    const events = await this.repo.events(c.id, true);
    // A duplicate's citizen follows the original: its status and answers (not its citizen's own messages).
    let original: { folio: string; status: string; events: typeof events } | null = null;
    if (c.duplicateOfId) {
      const o = await this.repo.findById(c.duplicateOfId);
      if (o) original = { folio: o.folio, status: o.status, events: (await this.repo.events(o.id, true)).filter((e) => ['public_reply', 'status'].includes(e.kind)) };
    }
    return { case: detail, events, original };
  }

  /** The citizen adds information or photos to an open case. */
  async addInfo(caseId: number, text: string | undefined, files: CheckedFile[], by: CaseActor): Promise<void> {
    const stored = await this.attachments.store(files);
    try {
      await this.dataSource.transaction(async (m) => {
        const c = await this.repo.lock(caseId, m);
        if (!c) throw new NotFoundException();
        if (FINAL_STATUSES.includes(c.status)) throw new FieldError('body', 'cases.track.closed_for_info');
        if (text) await this.event(m, c, by, 'citizen_info', { public: true, body: text });
        await this.addStoredFiles(m, c, stored, by, 'citizen');
        await this.repo.update(c.id, {}, m);
        await this.audit.record(by.audit, { action: 'case.citizen_info', entityType: 'case', entityId: c.folio, details: { text: !!text, attachments: stored.length } }, m);
      });
    } catch (e) {
      await this.attachments.discard(stored);
      throw e;
    }
  }

  /** The satisfaction survey, once, after the case is resolved. */
  async rate(caseId: number, score: number, comment: string | undefined, by: CaseActor, manager?: EntityManager): Promise<void> {
    const run = async (m: EntityManager) => {
      const c = await this.repo.lock(caseId, m);
      if (!c) throw new NotFoundException();
      if (!['resolved', 'closed'].includes(c.status)) throw new FieldError('score', 'cases.track.survey_not_yet');
      if (c.satisfactionScore != null) throw new FieldError('score', 'cases.track.survey_done');
      await this.repo.update(c.id, { satisfactionScore: score, satisfactionComment: comment ?? null }, m);
      await this.event(m, c, by, 'survey', { public: true, body: comment ?? null, data: { score } });
      await this.audit.record(by.audit, { action: 'case.survey', entityType: 'case', entityId: c.folio, details: { score } }, m);
    };
    await (manager ? run(manager) : this.dataSource.transaction(run));
  }

  /** The citizen reopens a resolved case within 15 days, saying why. */
  async reopen(caseId: number, reason: string, by: CaseActor, manager?: EntityManager): Promise<void> {
    const run = async (m: EntityManager) => {
      const c = await this.repo.lock(caseId, m);
      if (!c) throw new NotFoundException();
      const check = checkTransition(c.status, 'reopened', 'citizen', { resolvedAt: c.resolvedAt, now: this.clock.now() });
      if (!check.ok) throw new FieldError('reason', check.reason);
      const category = await this.categories.get(c.categoryId, m);
      const dueDate = await this.departments.deadline(this.today(), category.deadlineDays, m);
      await this.repo.update(c.id, { status: 'reopened', dueDate, resolvedAt: null }, m);
      await this.event(m, c, by, 'reopened', { public: true, body: reason, data: { from: c.status, to: 'reopened', dueDate } });
      await this.audit.record(by.audit, { action: 'case.reopen', entityType: 'case', entityId: c.folio, details: { from: c.status } }, m);
    };
    await (manager ? run(manager) : this.dataSource.transaction(run));
  }

  citizenActor(ip: string | null): CaseActor {
    return { audit: { userId: null, label: 'público', ip }, userId: null, name: CITIZEN_LABEL, role: 'citizen', departmentId: null };
  }
}
