import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MediaContact } from './media-contact.entity';
import { MediaInvitation } from './media-invitation.entity';

export type RsvpResponse = 'pending' | 'confirmed' | 'declined';
export type RsvpChannel = 'link' | 'phone' | 'in_person' | 'email';

/** One invited contact: their personal RSVP link (only its hash kept), answer and attendance. */
@Entity('invitation_recipients')
@Index('idx_invitation_recipients_invitation', ['invitationId'])
export class InvitationRecipient {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  invitationId: number;

  @ManyToOne(() => MediaInvitation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'invitation_id' })
  invitation?: MediaInvitation;

  @Column({ type: 'int', nullable: true })
  contactId: number | null;

  @ManyToOne(() => MediaContact, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id' })
  contact?: MediaContact | null;

  /** As they were when invited. */
  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 150, nullable: true })
  outletName: string | null;

  @Column({ type: 'varchar', length: 64, unique: true })
  tokenHash: string;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  response: RsvpResponse;

  @Column({ type: 'int', default: 0 })
  attendees: number;

  @Column({ type: 'timestamptz', nullable: true })
  respondedAt: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  respondedVia: RsvpChannel | null;

  @Column({ type: 'boolean', default: false })
  attended: boolean;

  @Column({ type: 'varchar', length: 500, nullable: true })
  note: string | null;
}
