import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ParsedMail, simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { SYSTEM_ACTOR } from '../audit/audit-actor';
import { Clock } from '../common/clock';
import { APP_CONFIG, AppConfig } from '../config/config';
import { FileStorage } from '../storage/file-storage';
import type { CheckedFile, StoredFile } from '../cases/attachments';
import { CITIZEN_LABEL } from '../cases/case-actor';
import { CaseActor } from '../cases/case-actor';
import { CasesRepository } from '../cases/cases.repository';
import { CasesService } from '../cases/cases.service';
import { classifyAutomated, HeaderMap } from './automated';
import { FetchedMessage } from './imap-reader';
import { checkMailAttachment, safeFilename } from './mail-attachments';
import { senderAuthenticated } from './sender-auth';
import { MailboxRepository } from './mailbox.repository';
import { htmlToText, safeBody } from './safe-body';
import { folioInSubject, messageIds, sameAddress } from './threading';

/** What a case accepts as a file (the case module's own list): the rest stays on the email. */
const CASE_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

interface Accepted {
  filename: string;
  declaredType: string;
  detectedType: string | null;
  contentType: string;
  ext: string;
  size: number;
  content: Buffer;
  storageKey?: string;
}
interface Refused {
  filename: string;
  declaredType: string;
  detectedType: string | null;
  size: number;
  reason: string;
}

export type IntakeOutcome = 'stored' | 'threaded' | 'automated' | 'duplicate' | 'unreadable';

/**
 * Takes one email in: parses it, checks its attachments by content and keeps the good ones,
 * recognises machines' messages, threads a citizen's answer into its case, and records the
 * message, all in one transaction with the folder's last UID (so it is taken in exactly once).
 */
@Injectable()
export class MailboxIntake {
  private readonly logger = new Logger('MailboxIntake');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MailboxRepository,
    private readonly storage: FileStorage,
    private readonly cases: CasesService,
    private readonly caseRows: CasesRepository,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.trustedServers = config.MAIL_AUTHSERV_ID.split(',').map((s) => s.trim()).filter(Boolean);
  }

  private readonly trustedServers: string[];

  static headerMap(parsed: ParsedMail): HeaderMap {
    const out: HeaderMap = {};
    for (const { key, line } of parsed.headerLines ?? []) {
      const value = line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
      const prev = out[key];
      out[key] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
    }
    return out;
  }

  async ingest(folder: string, uidValidity: string, fetched: FetchedMessage): Promise<IntakeOutcome> {
    const parsed = await simpleParser(fetched.source, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true, skipHtmlToText: true });
    const headers = MailboxIntake.headerMap(parsed);
    const from = parsed.from?.value?.[0];
    const fromAddress = from?.address?.toLowerCase().slice(0, 254) ?? null;
    const subject = (parsed.subject ?? '').slice(0, 998);
    const messageId = parsed.messageId ? (parsed.messageId.startsWith('<') ? parsed.messageId : `<${parsed.messageId}>`) : null;
    const automated = classifyAutomated({ headers, from: parsed.from?.text ?? fromAddress, subject, contentType: String(headers['content-type'] ?? '') });
    const body = fetched.headersOnly ? safeBody(null, null) : safeBody(parsed.text, typeof parsed.html === 'string' ? parsed.html : null);

    // Attachments: checked by content; the good ones stored now, outside the transaction.
    const accepted: Accepted[] = [];
    const refused: Refused[] = [];
    for (const a of fetched.headersOnly ? [] : parsed.attachments ?? []) {
      const filename = safeFilename(a.filename);
      const declaredType = (a.contentType || 'application/octet-stream').slice(0, 100);
      // The machine-readable parts of a delivery report are not files anyone sent.
      if (/^message\/(delivery-status|rfc822-headers)|^text\/rfc822-headers/.test(declaredType)) continue;
      const check = await checkMailAttachment(a.content, a.size ?? a.content?.length ?? 0, declaredType);
      if (check.ok) accepted.push({ filename, declaredType, detectedType: check.detectedType, contentType: check.contentType, ext: check.ext, size: a.content.length, content: a.content });
      else refused.push({ filename, declaredType, detectedType: check.detectedType, size: a.size ?? a.content?.length ?? 0, reason: `mailbox.refused.${check.reason}` });
    }
    for (const a of accepted) {
      a.storageKey = this.storage.newKey('mailbox', a.ext);
      await this.storage.put(a.storageKey, a.content);
    }

    // A citizen's answer to a case's email: by the Message-IDs Cabildo generated (a secret only
    // the citizen received), or by the folio in the subject from the case's own address when our
    // receiving server authenticated that sender. A From: can be forged: anything else naming a
    // case waits for staff, flagged unverified, off the citizen's timeline.
    let caseId: number | null = null;
    let claimedFolio: string | null = null;
    if (!automated && !fetched.headersOnly) {
      const byHeaders = await this.caseRows.caseByMessageIds(messageIds(headers['in-reply-to'], headers['references']));
      if (byHeaders) caseId = byHeaders.id;
      else {
        const folio = folioInSubject(subject);
        const c = folio ? await this.caseRows.findByFolio(folio) : null;
        if (c && sameAddress(c.contactEmail, fromAddress) && senderAuthenticated(headers, fromAddress, this.trustedServers)) caseId = c.id;
        else if (c) claimedFolio = c.folio;
      }
    }
    const text = body.text ?? (body.html ? htmlToText(body.html) : '');
    const forCase: CheckedFile[] = caseId ? accepted.filter((a) => CASE_TYPES[a.contentType]).map((a) => ({ filename: a.filename, contentType: a.contentType, ext: CASE_TYPES[a.contentType], buffer: a.content })) : [];
    const caseFiles: StoredFile[] = forCase.length ? await this.cases.storeFiles(forCase) : [];

    const discard = async () => {
      for (const a of accepted) await this.storage.delete(a.storageKey!).catch(() => undefined);
      await this.cases.discardFiles(caseFiles).catch(() => undefined);
    };
    try {
      const outcome = await this.dataSource.transaction(async (m): Promise<IntakeOutcome> => {
        const sync = await this.repo.lockSync(folder, m);
        // A new UIDVALIDITY renumbers the whole folder: what we already have is known by its Message-ID.
        const duplicateById = messageId && sync.uidValidity !== uidValidity ? await this.repo.knownMessageId(folder, messageId, m) : false;
        const uid = String(fetched.uid);
        const advance = { uidValidity, lastUid: sync.uidValidity === uidValidity && Number(sync.lastUid) > fetched.uid ? sync.lastUid : uid };
        const id = duplicateById
          ? null
          : await this.repo.insertMessage(
              {
                folder, uidValidity, uid, messageId: messageId?.slice(0, 998) ?? null,
                inReplyTo: typeof headers['in-reply-to'] === 'string' ? headers['in-reply-to'].slice(0, 998) : null,
                references: messageIds(headers['references']).join(' ') || null,
                fromName: from?.name?.slice(0, 200) || null, fromAddress, subject: subject || '(sin asunto)',
                sentAt: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null, receivedAt: this.clock.now(),
                textBody: body.text, safeHtml: body.html, blockedImages: body.blockedImages, size: fetched.size, tooLarge: fetched.headersOnly,
                kind: automated ? 'automated' : caseId ? 'case_reply' : 'message', automatedKind: automated,
                ...(claimedFolio ? { caseFolio: claimedFolio, unverified: true } : {}),
                // Machines' messages need no one; a threaded answer is already where it belongs.
                state: automated ? 'discarded' : caseId ? 'handled' : 'new',
              },
              m,
            );
        await this.repo.saveSync(folder, advance, m);
        if (id === null) return 'duplicate';
        for (const a of accepted) await this.repo.addAttachment({ messageId: id, filename: a.filename, declaredType: a.declaredType, detectedType: a.detectedType, size: a.size, storageKey: a.storageKey!, refusedReason: null }, m);
        for (const r of refused) await this.repo.addAttachment({ messageId: id, filename: r.filename, declaredType: r.declaredType, detectedType: r.detectedType?.slice(0, 100) ?? null, size: r.size, storageKey: null, refusedReason: r.reason }, m);
        if (caseId) {
          const by: CaseActor = { audit: { ...SYSTEM_ACTOR, label: `correo: ${fromAddress ?? 'desconocido'}` }, userId: null, name: from?.name ? `${CITIZEN_LABEL} (${from.name})`.slice(0, 150) : CITIZEN_LABEL, role: 'citizen', departmentId: null };
          const c = await this.cases.addCitizenEmail(caseId, { body: text || subject, messageId, subject }, caseFiles, by, m);
          await this.repo.update(id, { caseFolio: c.folio }, m);
          return 'threaded';
        }
        return automated ? 'automated' : 'stored';
      });
      // Already taken in (another instance, or before a UIDVALIDITY change): only the UID advanced.
      if (outcome === 'duplicate') await discard();
      return outcome;
    } catch (e) {
      // Nothing of this message was recorded: its stored files go too.
      await discard();
      throw e;
    }
  }

  /**
   * A message that could not be taken in (malformed beyond what the parser tolerates) is
   * recorded as such, so that it does not block the mailbox forever; it stays on the server.
   */
  async recordUnreadable(folder: string, uidValidity: string, fetched: FetchedMessage, error: string): Promise<void> {
    this.logger.warn(`mensaje UID ${fetched.uid} ilegible: ${error}`);
    await this.dataSource.transaction(async (m) => {
      await this.repo.lockSync(folder, m);
      await this.repo.insertMessage(
        { folder, uidValidity, uid: String(fetched.uid), subject: '(mensaje ilegible: ábralo en el servidor de correo)', receivedAt: this.clock.now(), textBody: null, safeHtml: null, size: fetched.size, tooLarge: fetched.headersOnly, kind: 'message', state: 'new' },
        m,
      );
      await this.repo.saveSync(folder, { uidValidity, lastUid: String(fetched.uid) }, m);
    });
  }
}
