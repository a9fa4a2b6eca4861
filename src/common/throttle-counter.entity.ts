import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * Attempts under a key such as "file:<ip>" within the window that began at `windowStart`
 * (the key's first attempt). Counted by one INSERT … ON CONFLICT statement, so that every
 * instance behind a load balancer, and every concurrent request, sees the same count
 * (ThrottleRepository); expired windows are pruned.
 */
@Entity('throttle_counters')
export class ThrottleCounter {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'timestamptz' })
  windowStart: Date;

  @Column({ type: 'int' })
  hits: number;
}
