import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgendaEvent } from './agenda-event.entity';

/** The history of an event: every change, who made it, when and why. */
@Entity('agenda_event_changes')
@Index('idx_agenda_event_changes_event', ['eventId', 'at'])
export class AgendaEventChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'int' })
  eventId: number;

  @ManyToOne(() => AgendaEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: AgendaEvent;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @Column({ type: 'varchar', length: 254 })
  actor: string;

  /** created, proposed, accepted, returned, updated, postponed, cancelled, restored, route… */
  @Column({ type: 'varchar', length: 30 })
  action: string;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;
}
