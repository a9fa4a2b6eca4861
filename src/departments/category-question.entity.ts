import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { QuestionKind, QuestionOption } from './category-questions';
import { Category } from './category.entity';

/**
 * An extra question a category asks on the request forms (Open311 calls them attributes):
 * text, number, date, single or multiple choice; required or not; in `position` order.
 */
@Entity('category_questions')
@Unique('uq_category_questions_code', ['categoryId', 'code'])
@Index('idx_category_questions_category', ['categoryId', 'position', 'id'])
export class CategoryQuestion {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  categoryId: number;

  @ManyToOne(() => Category, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'category_id' })
  category?: Category;

  /** Stable identifier (letters, digits, _): the Open311 attribute code. */
  @Column({ type: 'varchar', length: 60 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  question: string;

  @Column({ type: 'varchar', length: 10 })
  kind: QuestionKind;

  @Column({ type: 'boolean', default: false })
  required: boolean;

  @Column({ type: 'int', default: 1 })
  position: number;

  @Column({ type: 'text', nullable: true })
  helpText: string | null;

  /** For single and multiple choice: the options, each with a stable key. */
  @Column({ type: 'jsonb', default: () => "'[]'" })
  options: QuestionOption[];

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
