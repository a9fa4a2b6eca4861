import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One row per day the morning digest was sent, so that several instances send it once. */
@Entity('case_digest_runs')
export class DigestRun {
  @PrimaryColumn({ type: 'date' })
  day: string;

  @CreateDateColumn({ type: 'timestamptz' })
  ranAt: Date;
}
