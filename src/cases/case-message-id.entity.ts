import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Case } from './case.entity';

/**
 * The Message-IDs of a case's email conversation: the ones Cabildo sent (receipt, replies)
 * and the citizen's own. An incoming email whose In-Reply-To or References names one of them
 * belongs to that case (the mailbox module threads it back).
 */
@Entity('case_message_ids')
@Index('idx_case_message_ids_case', ['caseId', 'id'])
export class CaseMessageId {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  caseId: number;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Index('uq_case_message_ids_message_id', { unique: true })
  @Column({ type: 'varchar', length: 998 })
  messageId: string;

  /** 'out' sent by Cabildo, 'in' received from the citizen. */
  @Column({ type: 'varchar', length: 3 })
  direction: 'in' | 'out';

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
