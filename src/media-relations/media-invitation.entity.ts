import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgendaEvent } from '../agenda/agenda-event.entity';

/** One sending of the invitation to an event (to a list or chosen contacts). */
@Entity('media_invitations')
@Index('idx_media_invitations_event', ['eventId'])
export class MediaInvitation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  eventId: number;

  @ManyToOne(() => AgendaEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: AgendaEvent;

  /** The text as sent, with the event's fields filled in. */
  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'int', nullable: true })
  createdById: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
