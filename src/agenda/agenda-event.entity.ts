import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Department } from '../departments/department.entity';
import type { EventKind, EventStatus } from './agenda-kinds';
import { AgendaSeries } from './agenda-series.entity';

/** One activity on the agenda (an occurrence, when it belongs to a recurring series). */
@Entity('agenda_events')
@Index('idx_agenda_events_starts', ['startsAt'])
@Index('idx_agenda_events_series', ['seriesId'])
@Index('idx_agenda_events_status', ['status'])
export class AgendaEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'boolean', default: false })
  allDay: boolean;

  @Column({ type: 'varchar', length: 200, nullable: true })
  place: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Column({ type: 'int' })
  departmentId: number;

  @ManyToOne(() => Department, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: Department;

  @Column({ type: 'varchar', length: 30 })
  kind: EventKind;

  @Column({ type: 'boolean', default: true })
  isPublic: boolean;

  /** 1 (routine) to 5 (the most important of the day). */
  @Column({ type: 'smallint', default: 3 })
  importance: number;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  status: EventStatus;

  /** Why it was cancelled or postponed, or the press office's comment when returning a proposal. */
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  /** Position in its day's ranked list (1 first); 0 = not ranked yet. */
  @Column({ type: 'int', default: 0 })
  dayRank: number;

  /** Bumped when the date or time changes, so calendars replace the old copy. */
  @Column({ type: 'int', default: 0 })
  sequence: number;

  @Column({ type: 'int', nullable: true })
  seriesId: number | null;

  @ManyToOne(() => AgendaSeries, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'series_id' })
  series?: AgendaSeries | null;

  /** Edited on its own ("only this one"): changes to the series leave it alone. */
  @Column({ type: 'boolean', default: false })
  detached: boolean;

  /** Unique id of the event in an imported calendar, so the same file is not imported twice. */
  @Column({ type: 'varchar', length: 255, nullable: true, unique: true })
  externalUid: string | null;

  @Column({ type: 'int', nullable: true })
  proposedById: number | null;

  @Column({ type: 'int', nullable: true })
  createdById: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
