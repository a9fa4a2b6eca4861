import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../auth/user.entity';
import { PressRelease } from '../press-releases/press-release.entity';

/**
 * draft: being written · scheduled: will go out at scheduledAt · queued: in the outbox now ·
 * ready: no token configured, waits for staff to post it by hand · published · failed (reported).
 */
export const SOCIAL_STATUSES = ['draft', 'scheduled', 'queued', 'ready', 'published', 'failed'] as const;
export type SocialStatus = (typeof SOCIAL_STATUSES)[number];

/** A post for the municipality's Facebook page, from a release or on its own. */
@Entity('social_posts')
@Index('idx_social_posts_status', ['status'])
@Index('idx_social_posts_when', ['scheduledAt'])
export class SocialPost {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', nullable: true })
  releaseId: number | null;

  @ManyToOne(() => PressRelease, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'release_id' })
  release?: PressRelease | null;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'varchar', length: 500, nullable: true })
  link: string | null;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: SocialStatus;

  @Column({ type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  /** Facebook's id of the post ("pageid_postid"). */
  @Column({ type: 'varchar', length: 120, nullable: true })
  externalId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  externalUrl: string | null;

  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  @Column({ type: 'bigint', nullable: true })
  outboxId: string | null;

  @Column({ type: 'int', nullable: true })
  createdById: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
