import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One counted attempt (a filing, a tracking look-up, a login) under a key such as
 * "file:<ip>". Kept in the database, so that every instance behind a load balancer counts
 * the same attempts; pruned after a day (ThrottleRepository).
 */
@Entity('throttle_hits')
@Index('idx_throttle_hits_key_at', ['key', 'at'])
export class ThrottleHit {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  key: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
