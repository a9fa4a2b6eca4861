import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgendaEvent } from './agenda-event.entity';

/** One step of the daily route done for an event (a step without a row is pending). */
@Entity('agenda_route_steps')
@Index('uq_agenda_route_steps_event_step', ['eventId', 'step'], { unique: true })
export class RouteStepDone {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  eventId: number;

  @ManyToOne(() => AgendaEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: AgendaEvent;

  @Column({ type: 'varchar', length: 30 })
  step: string;

  @Column({ type: 'timestamptz' })
  doneAt: Date;

  @Column({ type: 'int', nullable: true })
  doneById: number | null;

  @Column({ type: 'varchar', length: 254 })
  doneBy: string;

  /** manual, or the module that ticked it (invitations, releases, monitoring). */
  @Column({ type: 'varchar', length: 40, default: 'manual' })
  source: string;
}
