import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { TransparencyObligation } from './transparency-obligation.entity';

/** One due date of an obligation: when its reminder went out and when it was filed. One row a due date. */
@Entity('transparency_obligation_periods')
@Unique('uq_obligation_periods_due', ['obligationId', 'dueOn'])
export class ObligationPeriod {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  obligationId: number;

  @ManyToOne(() => TransparencyObligation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'obligation_id' })
  obligation?: TransparencyObligation;

  @Column({ type: 'date' })
  dueOn: string;

  @Column({ type: 'timestamptz', nullable: true })
  remindedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  filedAt: Date | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  filedBy: string | null;
}
