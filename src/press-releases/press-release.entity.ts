import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { User } from '../auth/user.entity';
import { Department } from '../departments/department.entity';
import type { ReleaseStatus } from './release-status';

/** A press release (comunicado / boletín), written on the office's template. */
@Entity('press_releases')
@Index('uq_press_releases_number', ['year', 'number'], { unique: true })
@Index('idx_press_releases_status', ['status', 'publishedAt'])
@Index('idx_press_releases_event', ['eventId'])
@Check('chk_press_releases_numbered', `(number IS NULL) = (year IS NULL)`)
export class PressRelease {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: ReleaseStatus;

  /** Given at approval, per year, from release_counters: no gaps, no duplicates. */
  @Column({ type: 'int', nullable: true })
  year: number | null;

  @Column({ type: 'int', nullable: true })
  number: number | null;

  @Column({ type: 'varchar', length: 250 })
  title: string;

  @Column({ type: 'varchar', length: 400, nullable: true })
  subtitle: string | null;

  @Column({ type: 'varchar', length: 150 })
  place: string;

  @Column({ type: 'date' })
  releaseDate: string;

  /** Markdown; rendered with HTML switched off and sanitised. */
  @Column({ type: 'text', default: '' })
  body: string;

  /** One quote a paragraph: «text» — who said it. */
  @Column({ type: 'text', default: '' })
  quotes: string;

  @Column({ type: 'int', nullable: true })
  departmentId: number | null;

  @ManyToOne(() => Department, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'department_id' })
  department?: Department | null;

  /** The agenda event it reports on. No foreign key yet: the agenda module lands separately. */
  @Column({ type: 'int', nullable: true })
  eventId: number | null;

  /** Not before: neither the newsroom nor the sending until it passes. */
  @Column({ type: 'timestamptz', nullable: true })
  embargoUntil: Date | null;

  @Column({ type: 'int', default: 1 })
  version: number;

  /** Title, subtitle and body without accents, lower-cased (kept by the service) for search. */
  @Column({ type: 'text', default: '', select: false })
  searchText: string;

  @Column({ type: 'int', nullable: true })
  createdById: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: User | null;

  @Column({ type: 'int', nullable: true })
  approvedById: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'approved_by_id' })
  approvedBy?: User | null;

  @Column({ type: 'timestamptz', nullable: true })
  approvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
