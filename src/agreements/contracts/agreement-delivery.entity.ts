import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgreementDeliverable } from './agreement-deliverable.entity';
import { AgreementDocument } from './agreement-document.entity';

/** Units of a deliverable delivered, with their evidence: a file, or (from monitoring) a clipping. */
@Entity('agreement_deliveries')
@Index('idx_agreement_deliveries_deliverable', ['deliverableId'])
@Index('idx_agreement_deliveries_agreement', ['agreementId'])
export class AgreementDelivery {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  agreementId: number;

  @Column({ type: 'int' })
  deliverableId: number;

  @ManyToOne(() => AgreementDeliverable, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'deliverable_id' })
  deliverable?: AgreementDeliverable;

  @Column({ type: 'int' })
  quantity: number;

  @Column({ type: 'date' })
  deliveredOn: string;

  @Column({ type: 'int', nullable: true })
  documentId: number | null;

  @ManyToOne(() => AgreementDocument, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'document_id' })
  document?: AgreementDocument;

  /** A clipping from media monitoring, once that module lands (no foreign key yet). */
  @Column({ type: 'int', nullable: true })
  clippingId: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  notes: string | null;

  @Column({ type: 'int', nullable: true })
  createdByUserId: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
