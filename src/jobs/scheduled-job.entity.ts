import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One periodic job (the outbox round, the mailbox poll, the feed poll, the digests...) as all
 * instances share it: when it is next due, and who holds it while it runs. An instance runs a
 * job only after claiming this row in one statement (JobsRepository.claim), so a job runs once
 * per period however many instances tick.
 */
@Entity('scheduled_jobs')
export class ScheduledJob {
  @PrimaryColumn({ type: 'varchar', length: 100 })
  name: string;

  /** The job is not claimed again before this instant (the database's clock). */
  @Column({ type: 'timestamptz' })
  dueAt: Date;

  /** While set and in the future, an instance is running it (renewed while it runs). */
  @Column({ type: 'timestamptz', nullable: true })
  runningUntil: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  owner: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastStartedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastFinishedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'int', default: 0 })
  runs: number;

  @Column({ type: 'int', default: 0 })
  failures: number;
}
