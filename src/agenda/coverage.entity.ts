import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../auth/user.entity';
import type { CoverageStatus, CoverageType } from './agenda-kinds';
import { AgendaEvent } from './agenda-event.entity';

/** One job of the coverage plan: one staff member covers one event with one medium. */
@Entity('agenda_coverages')
@Index('idx_agenda_coverages_event', ['eventId'])
@Index('idx_agenda_coverages_assignee', ['assigneeId', 'status'])
export class Coverage {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  eventId: number;

  @ManyToOne(() => AgendaEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: AgendaEvent;

  @Column({ type: 'varchar', length: 20 })
  type: CoverageType;

  @Column({ type: 'int' })
  assigneeId: number;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: User;

  /** When the person should be there (defaults to the event's start). */
  @Column({ type: 'timestamptz', nullable: true })
  callAt: Date | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'varchar', length: 20, default: 'assigned' })
  status: CoverageStatus;

  @Column({ type: 'int', nullable: true })
  assignedById: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
