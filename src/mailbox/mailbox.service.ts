import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { AgendaEventsService } from '../agenda/agenda-events.service';
import { EventFormDto } from '../agenda/dto/event.dto';
import { Clock } from '../common/clock';
import { FileStorage } from '../storage/file-storage';
import { PersonalDataErasers } from '../common/personal-data-erasers';
import { FieldError } from '../common/forms';
import type { CheckedFile } from '../cases/attachments';
import { CaseActor } from '../cases/case-actor';
import { normalizeFolio } from '../cases/case-codes';
import { CaseType } from '../cases/case.entity';
import { CasesRepository } from '../cases/cases.repository';
import { CasesService } from '../cases/cases.service';
import { MailAttachment } from './mail-attachment.entity';
import { mayReadMail } from './mail-access';
import { MailMessage, MailState } from './mail-message.entity';
import { MailboxRepository } from './mailbox.repository';
import { MediaBankSeam } from './media-bank-seam';
import { htmlToText } from './safe-body';

const CASE_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

export interface ToCaseInput {
  type: CaseType;
  categoryId: number;
  locality: string;
  description: string;
}

/** What staff do with a message of the shared inbox; each act one transaction with its audit row. */
@Injectable()
export class MailboxService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MailboxRepository,
    private readonly storage: FileStorage,
    private readonly cases: CasesService,
    private readonly caseRows: CasesRepository,
    private readonly agenda: AgendaEventsService,
    private readonly audit: AuditService,
    private readonly mediaBank: MediaBankSeam,
    private readonly clock: Clock,
    erasers: PersonalDataErasers,
  ) {
    erasers.register('mailbox', async (m, who) => ({ files: await this.repo.erasePerson(m, who.folios, who.email) }));
  }

  /** The message, if this role may read it (mail-access.ts): otherwise as if it did not exist. */
  async get(id: number, role: string | undefined): Promise<MailMessage> {
    const m = await this.repo.find(id);
    if (!m || !mayReadMail(role, m)) throw new NotFoundException();
    return m;
  }

  attachments(id: number) {
    return this.repo.attachments(id);
  }

  async attachment(messageId: number, id: number): Promise<MailAttachment & { storageKey: string }> {
    const a = await this.repo.attachment(messageId, id);
    if (!a || !a.storageKey) throw new NotFoundException();
    return a as MailAttachment & { storageKey: string };
  }

  /** The message's text, for a case description or a proposal. */
  static text(m: MailMessage): string {
    return (m.textBody ?? (m.safeHtml ? htmlToText(m.safeHtml) : '')).trim();
  }

  /** Lock an open, actionable message (a person's, not yet handled or discarded). */
  private async open(id: number, m: EntityManager, field = 'action'): Promise<MailMessage> {
    const msg = await this.repo.lock(id, m);
    if (!msg) throw new NotFoundException();
    if (msg.kind === 'automated') throw new FieldError(field, 'mailbox.error.automated');
    if (msg.state === 'handled' || msg.state === 'discarded') throw new FieldError(field, 'mailbox.error.closed');
    return msg;
  }

  private async caseFiles(id: number): Promise<CheckedFile[]> {
    const out: CheckedFile[] = [];
    for (const a of await this.repo.attachments(id)) {
      if (!a.storageKey || !a.detectedType || !CASE_TYPES[a.detectedType]) continue;
      out.push({ filename: a.filename, contentType: a.detectedType, ext: CASE_TYPES[a.detectedType], buffer: await this.storage.read(a.storageKey) });
    }
    return out.slice(0, 10);
  }

  /** "Me encargo": the message is now in someone's hands. */
  async take(id: number, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const msg = await this.open(id, m);
      await this.repo.update(id, { assigneeId: actor.userId, state: 'in_progress' }, m);
      await this.audit.record(actor, { action: 'mailbox.take', entityType: 'mail_message', entityId: id, details: { from: msg.assigneeId, to: actor.userId } }, m);
    });
  }

  /**
   * Turn the message into a citizen case: channel email, the sender as contact, its text as
   * description, its photos and PDFs carried over; the receipt goes to the sender through the
   * outbox, answering their email (so their next answer threads back into the case).
   */
  async toCase(id: number, input: ToCaseInput, privacyVersion: string, by: CaseActor): Promise<string> {
    const files = await this.caseFiles(id);
    return this.dataSource.transaction(async (m) => {
      const msg = await this.open(id, m);
      const receipt = await this.cases.file(
        {
          type: input.type, categoryId: input.categoryId, locality: input.locality, description: input.description,
          contactName: msg.fromName?.slice(0, 150) || undefined, contactEmail: msg.fromAddress ?? undefined,
          consent: true, channel: 'email', privacyVersion, emailMessageId: msg.messageId ?? undefined,
          receivedAt: msg.receivedAt, // the deadline runs from the email's arrival, not from its conversion
        },
        files,
        by,
        m,
      );
      await this.repo.update(id, { state: 'handled', caseFolio: receipt.folio, assigneeId: msg.assigneeId ?? by.userId }, m);
      await this.audit.record(by.audit, { action: 'mailbox.to_case', entityType: 'mail_message', entityId: id, details: { folio: receipt.folio, attachments: files.length } }, m);
      return receipt.folio;
    });
  }

  /** Add the message to an existing case (an internal note with its text and files); later answers from the sender thread into it. */
  async attachToCase(id: number, folioInput: string, by: CaseActor): Promise<string> {
    const folio = normalizeFolio(folioInput);
    const target = folio ? await this.caseRows.findByFolio(folio) : null;
    if (!target) throw new FieldError('folio', 'mailbox.error.unknown_folio');
    const files = await this.caseFiles(id);
    const stored = await this.cases.storeFiles(files);
    try {
      return await this.dataSource.transaction(async (m) => {
        const msg = await this.open(id, m, 'folio');
        const c = await this.caseRows.lock(target.id, m);
        if (!c) throw new FieldError('folio', 'mailbox.error.unknown_folio');
        const who = [msg.fromName, msg.fromAddress ? `<${msg.fromAddress}>` : null].filter(Boolean).join(' ');
        await this.cases.event(m, c, by, 'internal_note', { body: `Correo de ${who || 'remitente desconocido'}: «${msg.subject}»\n\n${MailboxService.text(msg)}`.slice(0, 20_000), data: { via: 'email', mailMessageId: id } });
        await this.cases.addStoredFiles(m, c, stored, by, 'staff');
        if (msg.messageId) await this.caseRows.addMessageId(c.id, msg.messageId, 'in', m);
        await this.caseRows.update(c.id, {}, m);
        await this.repo.update(id, { state: 'handled', caseFolio: c.folio, assigneeId: msg.assigneeId ?? by.userId }, m);
        await this.audit.record(by.audit, { action: 'mailbox.attach_to_case', entityType: 'mail_message', entityId: id, details: { folio: c.folio, attachments: stored.length } }, m);
        await this.audit.record(by.audit, { action: 'case.note', entityType: 'case', entityId: c.folio, details: { via: 'email', mailMessageId: id } }, m);
        return c.folio;
      });
    } catch (e) {
      await this.cases.discardFiles(stored);
      throw e;
    }
  }

  /** A department's notice of an activity becomes a proposal on the agenda, for the press office to accept or return. */
  async toAgenda(id: number, dto: EventFormDto, actor: Actor): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const msg = await this.open(id, m, 'title');
      const eventId = await this.agenda.create(dto, actor, { proposal: true }, m);
      await this.repo.update(id, { state: 'handled', agendaEventId: eventId, assigneeId: msg.assigneeId ?? actor.userId }, m);
      await this.audit.record(actor, { action: 'mailbox.to_agenda', entityType: 'mail_message', entityId: id, details: { eventId, title: dto.title } }, m);
      return eventId;
    });
  }

  /** Atendido or descartado, with a note (required to discard). */
  async close(id: number, state: Extract<MailState, 'handled' | 'discarded'>, note: string | undefined, actor: Actor): Promise<void> {
    if (state === 'discarded' && !note) throw new FieldError('note', 'mailbox.error.note_required');
    await this.dataSource.transaction(async (m) => {
      const msg = await this.open(id, m, 'note');
      await this.repo.update(id, { state, note: note ?? null, assigneeId: msg.assigneeId ?? actor.userId }, m);
      await this.audit.record(actor, { action: 'mailbox.state', entityType: 'mail_message', entityId: id, details: { from: msg.state, to: state, note: note ?? null } }, m);
    });
  }

  get mediaBankAvailable(): boolean {
    return this.mediaBank.available;
  }

  /** Save the message's accepted attachments to the media bank (through MediaBankSeam, wired when the bank lands). */
  async saveToMediaBank(id: number, actor: Actor): Promise<number> {
    if (!this.mediaBank.available) throw new BadRequestException('media bank not available');
    return this.dataSource.transaction(async (m) => {
      const msg = await this.repo.lock(id, m);
      if (!msg) throw new NotFoundException();
      const files = (await this.repo.attachments(id, m)).filter((a) => a.storageKey);
      if (!files.length) throw new FieldError('action', 'mailbox.error.no_files');
      const ids = await this.mediaBank.save(
        files.map((a) => ({ storageKey: a.storageKey!, filename: a.filename, contentType: a.detectedType ?? a.declaredType, size: a.size, source: { mailMessageId: id, from: msg.fromAddress, subject: msg.subject, receivedAt: msg.receivedAt } })),
        actor,
        m,
      );
      await this.audit.record(actor, { action: 'mailbox.to_media_bank', entityType: 'mail_message', entityId: id, details: { entries: ids } }, m);
      return ids.length;
    });
  }

  now() {
    return this.clock.now();
  }
}
