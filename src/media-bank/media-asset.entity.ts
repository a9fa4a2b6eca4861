import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../auth/user.entity';
import { Department } from '../departments/department.entity';
import type { MediaKind, UsageRights } from './media-kinds';

/** One photo, audio, video or document in the media bank, with its derivatives and what was read from it. */
@Entity('media_assets')
@Index('idx_media_assets_event', ['eventId'])
@Index('idx_media_assets_kind_taken', ['kind', 'takenAt'])
@Index('idx_media_assets_search_trgm', { synchronize: false })
export class MediaAsset {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20 })
  kind: MediaKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text', nullable: true })
  caption: string | null;

  /** Who took it (fotógrafo, reportero). */
  @Column({ type: 'varchar', length: 150, nullable: true })
  credit: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  takenAt: Date | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  place: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  tags: string[];

  /** The agenda's event it covers. No foreign key yet: the agenda module lands separately. */
  @Column({ type: 'int', nullable: true })
  eventId: number | null;

  /** The coverage assignment (agenda) this file delivers. No foreign key yet, like eventId. */
  @Column({ type: 'int', nullable: true })
  coverageId: number | null;

  @Column({ type: 'int', nullable: true })
  departmentId: number | null;

  @ManyToOne(() => Department, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'department_id' })
  department?: Department | null;

  @Column({ type: 'varchar', length: 20, default: 'institutional' })
  rights: UsageRights;

  @Column({ type: 'date', nullable: true })
  rightsExpiresOn: string | null;

  @Column({ type: 'boolean', default: false })
  doNotUse: boolean;

  @Column({ type: 'varchar', length: 120 })
  originalKey: string;

  @Column({ type: 'varchar', length: 255 })
  originalName: string;

  @Column({ type: 'varchar', length: 120 })
  mimeType: string;

  @Column({ type: 'varchar', length: 10 })
  extension: string;

  @Column({ type: 'bigint' })
  sizeBytes: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  webKey: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  thumbKey: string | null;

  /**
   * The photo's full-resolution copy for the public (public-copy.ts): without location or
   * camera. Made on its first public request; forgotten when the credit or rights change.
   */
  @Column({ type: 'varchar', length: 120, nullable: true })
  publicKey: string | null;

  @Column({ type: 'int', nullable: true })
  width: number | null;

  @Column({ type: 'int', nullable: true })
  height: number | null;

  @Column({ type: 'double precision', nullable: true })
  durationSeconds: number | null;

  /** Container and codec of audio and video, e.g. "MPEG / MPEG 1 Layer 3". */
  @Column({ type: 'varchar', length: 120, nullable: true })
  format: string | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  camera: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  /** Everything read from the file (EXIF, IPTC, XMP, container). */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  metadata: Record<string, unknown>;

  /** What could not be read or made, noted instead of stopping the upload. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  processingNotes: string[];

  /** title, caption, tags, credit and place, lower-cased and without accents (kept by the service). */
  @Column({ type: 'text', default: '' })
  searchText: string;

  @Column({ type: 'int', nullable: true })
  uploadedById: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by_id' })
  uploadedBy?: User | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
