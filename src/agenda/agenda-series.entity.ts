import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A recurring event's rule; its occurrences are rows of agenda_events. */
@Entity('agenda_event_series')
export class AgendaSeries {
  @PrimaryGeneratedColumn()
  id: number;

  /** RRULE without DTSTART, e.g. FREQ=WEEKLY;BYDAY=MO;COUNT=8. */
  @Column({ type: 'varchar', length: 300 })
  rule: string;

  /** First occurrence, wall clock in the town hall's zone. */
  @Column({ type: 'date' })
  startDate: string;

  @Column({ type: 'varchar', length: 5 })
  startTime: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
