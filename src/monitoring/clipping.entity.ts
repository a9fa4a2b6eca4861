import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MediaOutlet } from '../media-relations/media-outlet.entity';
import type { MediumKind, Tone } from './monitoring-rules';

/** A published piece found by monitoring (testigo / nota). */
@Entity('clippings')
@Index('idx_clippings_published_at', ['publishedAt'])
@Index('idx_clippings_outlet', ['outletId'])
@Index('idx_clippings_release', ['releaseId'])
export class Clipping {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', nullable: true })
  outletId: number | null;

  @ManyToOne(() => MediaOutlet, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'outlet_id' })
  outlet?: MediaOutlet;

  @Column({ type: 'varchar', length: 20 })
  medium: MediumKind;

  @Column({ type: 'timestamptz' })
  publishedAt: Date;

  @Column({ type: 'varchar', length: 300 })
  headline: string;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  url: string | null;

  @Column({ type: 'text', nullable: true })
  excerpt: string | null;

  @Column({ type: 'varchar', length: 10, default: 'neutral' })
  tone: Tone;

  @Column({ type: 'int', nullable: true })
  reach: number | null;

  /** The press release it picks up, once that module lands (no foreign key yet). */
  @Column({ type: 'int', nullable: true })
  releaseId: number | null;

  /** The agenda event it covers, once that module lands (no foreign key yet). */
  @Column({ type: 'int', nullable: true })
  eventId: number | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** A scan, audio or video of the piece, kept in FileStorage. */
  @Column({ type: 'varchar', length: 120, nullable: true })
  storageKey: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  fileName: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  fileMime: string | null;

  @Column({ type: 'int', nullable: true })
  candidateId: number | null;

  @Column({ type: 'int', nullable: true })
  loggedByUserId: number | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  loggedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
