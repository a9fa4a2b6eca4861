import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MailMessage } from './mail-message.entity';

/**
 * A file that came with an email. Checked by its content: an accepted one is kept in the
 * file storage (`storageKey`); a refused one (too big, a program in disguise, an unknown type)
 * is listed with the reason (`refusedReason`, an i18n key) and its bytes are not kept.
 */
@Entity('mail_attachments')
export class MailAttachment {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_mail_attachments_message')
  @Column({ type: 'int' })
  messageId: number;

  @ManyToOne(() => MailMessage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id' })
  message?: MailMessage;

  @Column({ type: 'varchar', length: 200 })
  filename: string;

  /** What the email said it was. */
  @Column({ type: 'varchar', length: 100 })
  declaredType: string;

  /** What its content is (file-type), null when it has no signature (plain text). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  detectedType: string | null;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  storageKey: string | null;

  @Column({ type: 'varchar', length: 60, nullable: true })
  refusedReason: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
