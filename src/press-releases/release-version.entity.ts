import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PressRelease } from './press-release.entity';

export interface ReleaseSnapshot {
  title: string;
  subtitle: string | null;
  place: string;
  releaseDate: string;
  body: string;
  quotes: string;
  embargoUntil: string | null;
  media: { assetId: number; caption: string | null }[];
}

/** Every saved state of a release's text, kept so that two can be compared. */
@Entity('press_release_versions')
@Index('uq_press_release_versions', ['releaseId', 'version'], { unique: true })
export class ReleaseVersion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  releaseId: number;

  @ManyToOne(() => PressRelease, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'release_id' })
  release?: PressRelease;

  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'jsonb' })
  snapshot: ReleaseSnapshot;

  @Column({ type: 'int', nullable: true })
  authorId: number | null;

  @Column({ type: 'varchar', length: 254 })
  authorLabel: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
