import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MonitoringFeed } from './monitoring-feed.entity';

/** A feed item that matched a keyword rule, waiting for a person to accept or discard it. One per published piece. */
@Entity('clipping_candidates')
@Index('idx_clipping_candidates_status', ['status'])
export class ClippingCandidate {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  feedId: number;

  @ManyToOne(() => MonitoringFeed, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'feed_id' })
  feed?: MonitoringFeed;

  @Column({ type: 'varchar', length: 1100, unique: true })
  itemKey: string;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  link: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  snippet: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  matched: string[];

  /** pending, accepted, discarded */
  @Column({ type: 'varchar', length: 12, default: 'pending' })
  status: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
