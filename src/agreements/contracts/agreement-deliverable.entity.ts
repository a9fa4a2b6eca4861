import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { numericColumn } from '../form-rules';
import { MediaAgreement } from './media-agreement.entity';

/** What the outlet owes: spots, inserts, banners, posts… with quantity and unit cost. */
@Entity('agreement_deliverables')
@Index('idx_agreement_deliverables_agreement', ['agreementId'])
export class AgreementDeliverable {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  agreementId: number;

  @ManyToOne(() => MediaAgreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: MediaAgreement;

  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ type: 'varchar', length: 300 })
  description: string;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: numericColumn })
  unitCost: number;
}
