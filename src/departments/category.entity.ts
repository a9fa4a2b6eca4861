import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Department } from './department.entity';

/** What a case is about (alumbrado, bacheo…): drives routing (default department) and the deadline. */
@Entity('categories')
@Check('chk_categories_sensitive_unpublished', 'NOT ("published" AND "sensitive")')
export class Category {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 120, unique: true })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  @Index('idx_categories_department')
  @Column({ type: 'int', nullable: true })
  defaultDepartmentId: number | null;

  @ManyToOne(() => Department, { nullable: true, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'default_department_id' })
  defaultDepartment?: Department | null;

  /** Business days to answer, counted on the town hall's calendar. */
  @Column({ type: 'int', default: 10 })
  deadlineDays: number;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  /** About people rather than places (security, social support): never published. */
  @Column({ type: 'boolean', default: false })
  sensitive: boolean;

  /** Its requests are public through Open311 (public text, street, point rounded), set by an administrator. */
  @Column({ type: 'boolean', default: false })
  published: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
