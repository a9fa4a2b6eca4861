import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { numericColumn } from '../form-rules';

/** A line (partida) of the year's social-communication budget: assigned and modified; spent is computed from payments. */
@Entity('budget_lines')
@Unique('uq_budget_lines_year_code', ['year', 'code'])
export class BudgetLine {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  year: number;

  /** The partida of the COG, e.g. 3611. */
  @Column({ type: 'varchar', length: 20 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: numericColumn })
  assigned: number;

  @Column({ type: 'numeric', precision: 14, scale: 2, nullable: true, transformer: numericColumn })
  modified: number | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
