import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { MailAttachment } from './mail-attachment.entity';
import { MailKind, MailMessage, MailState } from './mail-message.entity';
import { MailScope } from './mail-access';
import { MailboxSync } from './mailbox-sync.entity';

export interface MailRow {
  id: number;
  fromName: string | null;
  fromAddress: string | null;
  subject: string;
  sentAt: Date | null;
  receivedAt: Date;
  state: MailState;
  kind: MailKind;
  automatedKind: string | null;
  assigneeName: string | null;
  caseFolio: string | null;
  unverified: boolean;
  attachments: number;
  refused: number;
}

/** The messages not filed into any case (mail-access.ts). */
const OUTSIDE_CASES = `m.case_folio IS NULL AND m.kind <> 'case_reply'`;

/** Every query of the mailbox module. */
@Injectable()
export class MailboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  async sync(folder: string, manager?: EntityManager): Promise<MailboxSync | null> {
    return this.m(manager).findOne(MailboxSync, { where: { folder } });
  }

  /** The folder's row, created if missing, locked for this transaction. */
  async lockSync(folder: string, m: EntityManager): Promise<MailboxSync> {
    await m.createQueryBuilder().insert().into(MailboxSync).values({ folder, lastUid: '0', failures: 0 }).orIgnore().execute();
    return (await m.createQueryBuilder(MailboxSync, 's').setLock('pessimistic_write').where('s.folder = :folder', { folder }).getOne())!;
  }

  async saveSync(folder: string, fields: Partial<MailboxSync>, manager?: EntityManager): Promise<void> {
    const m = this.m(manager);
    await m.createQueryBuilder().insert().into(MailboxSync).values({ folder, lastUid: '0', failures: 0 }).orIgnore().execute();
    await m.update(MailboxSync, { folder }, fields);
  }

  /** Insert unless the server's identity (folder, UIDVALIDITY, UID) is already known; null if it was. */
  async insertMessage(fields: Partial<MailMessage>, m: EntityManager): Promise<number | null> {
    const r = await m.createQueryBuilder().insert().into(MailMessage).values(fields).orIgnore().returning('id').execute();
    const row = (r.raw as { id: number }[])[0];
    return row ? Number(row.id) : null;
  }

  async knownMessageId(folder: string, messageId: string, m: EntityManager): Promise<boolean> {
    return (await m.count(MailMessage, { where: { folder, messageId } })) > 0;
  }

  addAttachment(fields: Partial<MailAttachment>, m: EntityManager) {
    return m.save(MailAttachment, m.create(MailAttachment, fields));
  }

  find(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(MailMessage, { where: { id } });
  }

  async lock(id: number, m: EntityManager): Promise<MailMessage | null> {
    return m.createQueryBuilder(MailMessage, 'x').setLock('pessimistic_write').where('x.id = :id', { id }).getOne();
  }

  async update(id: number, fields: Partial<MailMessage>, m: EntityManager): Promise<void> {
    await m.update(MailMessage, { id }, fields);
  }

  attachments(messageId: number, manager?: EntityManager) {
    return this.m(manager).find(MailAttachment, { where: { messageId }, order: { id: 'ASC' } });
  }

  attachment(messageId: number, id: number, manager?: EntityManager) {
    return this.m(manager).findOne(MailAttachment, { where: { messageId, id } });
  }

  async assigneeName(userId: number | null, manager?: EntityManager): Promise<string | null> {
    if (!userId) return null;
    const r = (await this.m(manager).query(`SELECT name FROM users WHERE id = $1`, [userId])) as { name: string }[];
    return r[0]?.name ?? null;
  }

  /** The inbox: by state (people's messages) or the machines' ones; newest first, keyset by id. */
  async list(filter: { state?: MailState; automated?: boolean; beforeId?: number; limit: number; scope: MailScope }): Promise<MailRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (filter.scope === 'outside_cases') where.push(OUTSIDE_CASES);
    if (filter.automated) where.push(`m.kind = 'automated'`);
    else {
      where.push(`m.kind <> 'automated'`);
      if (filter.state) where.push(`m.state = $${params.push(filter.state)}`);
    }
    if (filter.beforeId) where.push(`m.id < $${params.push(filter.beforeId)}`);
    const sql = `
      SELECT m.id, m.from_name AS "fromName", m.from_address AS "fromAddress", m.subject, m.sent_at AS "sentAt",
             m.received_at AS "receivedAt", m.state, m.kind, m.automated_kind AS "automatedKind", u.name AS "assigneeName",
             m.case_folio AS "caseFolio", m.unverified,
             (SELECT count(*)::int FROM mail_attachments a WHERE a.message_id = m.id AND a.storage_key IS NOT NULL) AS attachments,
             (SELECT count(*)::int FROM mail_attachments a WHERE a.message_id = m.id AND a.refused_reason IS NOT NULL) AS refused
        FROM mail_messages m LEFT JOIN users u ON u.id = m.assignee_id
       WHERE ${where.join(' AND ')}
       ORDER BY m.id DESC
       LIMIT ${Number(filter.limit)}`;
    return this.dataSource.query(sql, params);
  }

  async counts(scope: MailScope): Promise<Record<string, number>> {
    const rows = (await this.dataSource.query(
      `SELECT CASE WHEN kind = 'automated' THEN 'automated' ELSE state END AS k, count(*)::int AS n FROM mail_messages m ${scope === 'outside_cases' ? `WHERE ${OUTSIDE_CASES}` : ''} GROUP BY 1`,
    )) as { k: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.k, r.n]));
  }

  /**
   * Anonymisation: the official mailbox's messages from the person, or filed into their cases,
   * keep their place in the threads but lose sender, subject, body and attachments. Returns the
   * attachments' stored files, to delete once the transaction commits.
   */
  async erasePerson(manager: EntityManager, folios: string[], email: string | null): Promise<string[]> {
    const ids: { id: number }[] = await manager.query(
      `SELECT id FROM mail_messages WHERE case_folio = ANY($1::text[]) OR ($2::text IS NOT NULL AND lower(from_address) = $2)`,
      [folios, email],
    );
    if (!ids.length) return [];
    const list = ids.map((r) => r.id);
    const files: { storage_key: string | null }[] = await manager.query(`DELETE FROM mail_attachments WHERE message_id = ANY($1::int[]) RETURNING storage_key`, [list]);
    await manager.query(
      `UPDATE mail_messages SET from_name = NULL, from_address = NULL, subject = '[dato eliminado a petición del titular]', text_body = '[dato eliminado a petición del titular]', safe_html = NULL, note = NULL, blocked_images = 0 WHERE id = ANY($1::int[])`,
      [list],
    );
    return files.map((f) => f.storage_key).filter((k): k is string => !!k);
  }
}
