import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** An obligation of the office before the transparency portal, due each quarter. */
@Entity('transparency_obligations')
export class TransparencyObligation {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 200 })
  legalBasis: string;

  /** Days after the quarter ends when it is due (30 in the SNT guidelines). */
  @Column({ type: 'int', default: 30 })
  daysAfterQuarter: number;

  /** Days before the due date when the press office is reminded. */
  @Column({ type: 'int', default: 7 })
  remindDaysBefore: number;

  /** Who gets the reminder; every active press user when empty. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  notifyEmail: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
