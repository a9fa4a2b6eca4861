import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MediaContact } from '../media-relations/media-contact.entity';
import { PressRelease } from './press-release.entity';

export const DELIVERY_STATUSES = ['queued', 'sent', 'failed', 'confirmed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One release sent to one media contact: queued (in the outbox), sent (the SMTP server took
 * it, with its message id), failed (with the server's answer), confirmed (the journalist
 * clicked "recibido", or staff recorded a phone call).
 */
@Entity('release_deliveries')
@Index('uq_release_deliveries_contact', ['releaseId', 'contactId'], { unique: true })
@Index('uq_release_deliveries_token_hash', ['tokenHash'], { unique: true })
export class ReleaseDelivery {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  releaseId: number;

  @ManyToOne(() => PressRelease, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'release_id' })
  release?: PressRelease;

  @Column({ type: 'int', nullable: true })
  contactId: number | null;

  @ManyToOne(() => MediaContact, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact?: MediaContact | null;

  /** Name, address and outlet as they were when sent. */
  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  outletName: string | null;

  @Column({ type: 'varchar', length: 20, default: 'queued' })
  status: DeliveryStatus;

  /** sha256 (hex) of the secret of the "recibido" link (random, unguessable; only the email carries it). */
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'bigint', nullable: true })
  outboxId: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  /** What the mail server answered when it refused (or the last error while retrying). */
  @Column({ type: 'text', nullable: true })
  serverResponse: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  confirmedAt: Date | null;

  /** 'link' or 'phone'. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  confirmedVia: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  confirmationNote: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
