import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Where reading the mailbox stands, per folder: the UIDVALIDITY and the last UID taken in,
 * and how the last tries went (shown to staff on /correo; shared by every instance).
 */
@Entity('mailbox_sync')
export class MailboxSync {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  folder: string;

  @Column({ type: 'bigint', nullable: true })
  uidValidity: string | null;

  @Column({ type: 'bigint', default: 0 })
  lastUid: string;

  @Column({ type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastErrorAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** Failed tries in a row (0 when the last one worked): the backoff grows with it. */
  @Column({ type: 'int', default: 0 })
  failures: number;

  @Column({ type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;
}
