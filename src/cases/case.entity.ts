import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { User } from '../auth/user.entity';
import { Category } from '../departments/category.entity';
import { Department } from '../departments/department.entity';
import type { CaseAnswer } from '../departments/category-questions';
import type { CaseStatus } from './case-status';

export const CASE_TYPES = ['complaint', 'report', 'service_request', 'petition', 'suggestion', 'commendation'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
export const CHANNELS = ['web', 'counter', 'phone', 'email', 'social', 'hearing', 'api'] as const;
export type Channel = (typeof CHANNELS)[number];
/** 1 baja, 2 media, 3 alta, 4 urgente: a number so that "by priority" sorts and pages by index. */
export const PRIORITIES = [1, 2, 3, 4] as const;

/**
 * One request from a person. The inbox indexes (status, department, deadline, keyset order)
 * are declared here; the full-text and trigram expression indexes live in a hand-written
 * migration (synchronize: false).
 */
@Entity('cases')
@Unique('uq_cases_year_seq', ['year', 'seq'])
@Index('idx_cases_created', ['createdAt', 'id'])
@Index('idx_cases_status_due', ['status', 'dueDate', 'id'])
@Index('idx_cases_department_status_due', ['departmentId', 'status', 'dueDate', 'id'])
@Index('idx_cases_assignee_status', ['assigneeId', 'status', 'dueDate', 'id'])
@Index('idx_cases_priority', ['priority', 'createdAt', 'id'])
@Index('idx_cases_category_locality', ['categoryId', 'locality'])
@Index('idx_cases_search', { synchronize: false })
@Index('idx_cases_trgm', { synchronize: false })
@Index('idx_cases_point', { synchronize: false })
@Index('idx_cases_open_category', { synchronize: false })
@Index('idx_cases_open_category_locality', { synchronize: false })
@Index('idx_cases_department_status_created', { synchronize: false })
export class Case {
  @PrimaryGeneratedColumn()
  id: number;

  /** AC-2026-000123: per year, sequential, gap-free (folio_counters row locked while filing). */
  @Column({ type: 'varchar', length: 20, unique: true })
  folio: string;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  seq: number;

  /** sha256 of the normalised tracking code; the code itself is shown once, on the receipt. */
  @Column({ type: 'varchar', length: 64 })
  trackingCodeHash: string;

  @Column({ type: 'varchar', length: 20 })
  type: CaseType;

  @Column({ type: 'int' })
  categoryId: number;

  @ManyToOne(() => Category, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id' })
  category?: Category;

  @Column({ type: 'int', nullable: true })
  departmentId: number | null;

  @ManyToOne(() => Department, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'department_id' })
  department?: Department | null;

  @Column({ type: 'int', nullable: true })
  assigneeId: number | null;

  @ManyToOne(() => User, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id' })
  assignee?: User | null;

  @Column({ type: 'varchar', length: 20, default: 'received' })
  status: CaseStatus;

  @Column({ type: 'smallint', default: 2 })
  priority: number;

  @Column({ type: 'varchar', length: 20, default: 'web' })
  channel: Channel;

  @Column({ type: 'text' })
  description: string;

  /** Answers to the category's questions, as asked when the case was filed. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  answers: CaseAnswer[];

  @Column({ type: 'varchar', length: 120 })
  locality: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  neighborhood: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  street: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  reference: string | null;

  @Column({ type: 'double precision', nullable: true })
  latitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  longitude: number | null;

  /**
   * What Open311 publishes when the category is public (case-publication.ts), computed when
   * saved: the text staff approved, redacted (null: the category's name), the street without
   * the house number, the point rounded to about 100 m.
   */
  @Column({ type: 'text', nullable: true })
  publicText: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  publicStreet: string | null;

  @Column({ type: 'double precision', nullable: true })
  publicLatitude: number | null;

  @Column({ type: 'double precision', nullable: true })
  publicLongitude: number | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  contactName: string | null;

  @Index('idx_cases_contact_email')
  @Column({ type: 'varchar', length: 254, nullable: true })
  contactEmail: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  contactPhone: string | null;

  /** When the person accepted the privacy notice, and which version of it. */
  @Column({ type: 'timestamptz', nullable: true })
  consentAt: Date | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  consentVersion: string | null;

  /** Answer deadline (civil date), in business days from filing. */
  @Column({ type: 'date' })
  dueDate: string;

  @Column({ type: 'timestamptz', nullable: true })
  firstResponseAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  duplicateOfId: number | null;

  @ManyToOne(() => Case, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'duplicate_of_id' })
  duplicateOf?: Case | null;

  @Column({ type: 'smallint', nullable: true })
  satisfactionScore: number | null;

  @Column({ type: 'text', nullable: true })
  satisfactionComment: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  anonymizedAt: Date | null;

  /** The person opposed (ARCO) being written to about this case: no more emails to them. */
  @Column({ type: 'timestamptz', nullable: true })
  contactOptOutAt: Date | null;

  /** The citizen answered by email and staff have not replied since: the case needs attention. */
  @Column({ type: 'timestamptz', nullable: true })
  citizenEmailAt: Date | null;

  /**
   * What the inbox's text search matches: description and place, without accents, as a Spanish
   * tsvector (GIN index idx_cases_search). Kept by a trigger (migration CaseSearchVector), never
   * written by the app; stored so that checking a row does not run the Spanish stemmer again.
   */
  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector: string | null;

  /** The staff member who took it at the counter, phone… (null when filed on the web). */
  @Column({ type: 'int', nullable: true })
  createdById: number | null;

  /** Optimistic lock: every change bumps it; a save with a stale version is refused. */
  @Column({ type: 'int', default: 1 })
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
