import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { User } from '../auth/user.entity';

/**
 * A key for one named client of the Open311 API (FixMyStreet, a city app…). The key itself
 * is shown once; only its SHA-256 is kept (it is long and random, so a slow hash adds nothing).
 */
@Entity('api_keys')
export class ApiKey {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 150 })
  clientName: string;

  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  /** The public part of the key ("c311_<prefix>_…"), to find it and to tell keys apart on screen. */
  @Column({ type: 'varchar', length: 16, unique: true })
  prefix: string;

  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  @Column({ type: 'int', default: 60 })
  rateLimitPerMinute: number;

  /** Granted by an administrator: may add updates to any request, not only the ones it filed. */
  @Column({ type: 'boolean', default: false })
  mayUpdateAny: boolean;

  @Column({ type: 'int', nullable: true })
  createdById: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
