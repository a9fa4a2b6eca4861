import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MediaOutlet } from '../media-relations/media-outlet.entity';

/** An outlet's RSS or Atom feed, polled with conditional requests. */
@Entity('monitoring_feeds')
export class MonitoringFeed {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 1000, unique: true })
  url: string;

  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Column({ type: 'int', nullable: true })
  outletId: number | null;

  @ManyToOne(() => MediaOutlet, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'outlet_id' })
  outlet?: MediaOutlet;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'varchar', length: 300, nullable: true })
  etag: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  lastModified: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastCheckedAt: Date | null;

  /** ok, not_modified or error */
  @Column({ type: 'varchar', length: 20, nullable: true })
  lastStatus: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
