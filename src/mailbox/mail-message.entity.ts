import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { User } from '../auth/user.entity';

/** nuevo, en atención, atendido, descartado. */
export const MAIL_STATES = ['new', 'in_progress', 'handled', 'discarded'] as const;
export type MailState = (typeof MAIL_STATES)[number];

/** A person's message, a machine's (auto-reply, bounce, list) or a citizen's answer threaded into a case. */
export const MAIL_KINDS = ['message', 'automated', 'case_reply'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

/**
 * One email read from the official mailbox. (folder, uidValidity, uid) is the server's
 * identity of the message: unique here, so that it is taken in exactly once.
 */
@Entity('mail_messages')
@Unique('uq_mail_messages_server_id', ['folder', 'uidValidity', 'uid'])
@Index('idx_mail_messages_state', ['state', 'receivedAt', 'id'])
@Index('idx_mail_messages_kind', ['kind', 'receivedAt', 'id'])
export class MailMessage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  folder: string;

  @Column({ type: 'bigint' })
  uidValidity: string;

  @Column({ type: 'bigint' })
  uid: string;

  @Index('idx_mail_messages_message_id')
  @Column({ type: 'varchar', length: 998, nullable: true })
  messageId: string | null;

  @Column({ type: 'varchar', length: 998, nullable: true })
  inReplyTo: string | null;

  /** The References header's ids, space separated. */
  @Column({ type: 'text', nullable: true })
  references: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  fromName: string | null;

  @Column({ type: 'varchar', length: 254, nullable: true })
  fromAddress: string | null;

  @Column({ type: 'varchar', length: 998 })
  subject: string;

  /** The Date header (when the sender says it was written). */
  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  /** When Cabildo read it from the server. */
  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'text', nullable: true })
  textBody: string | null;

  /** Already sanitised (scripts, handlers and remote images removed) when there is no text part. */
  @Column({ type: 'text', nullable: true })
  safeHtml: string | null;

  @Column({ type: 'int', default: 0 })
  blockedImages: number;

  @Column({ type: 'int' })
  size: number;

  /** Too large to take in whole: only its headers were read (it stays on the server). */
  @Column({ type: 'boolean', default: false })
  tooLarge: boolean;

  @Column({ type: 'varchar', length: 20, default: 'message' })
  kind: MailKind;

  /** auto_reply, bounce or bulk (automated.ts) for a machine's message. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  automatedKind: string | null;

  @Column({ type: 'varchar', length: 20, default: 'new' })
  state: MailState;

  @Column({ type: 'int', nullable: true })
  assigneeId: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: User | null;

  /** The note left when it was marked handled or discarded. */
  @Column({ type: 'text', nullable: true })
  note: string | null;

  /** What it became: a case (or the case it was attached or threaded to), an agenda proposal. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  caseFolio: string | null;

  /**
   * Names a case (its folio in the subject) but was not threaded into it: neither an answer to
   * a Message-ID Cabildo generated nor from an authenticated sender. Staff judge it; nothing of
   * it reaches the citizen's timeline.
   */
  @Column({ type: 'boolean', default: false })
  unverified: boolean;

  @Column({ type: 'int', nullable: true })
  agendaEventId: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
