import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { numericColumn } from '../form-rules';
import { AgreementDocument } from './agreement-document.entity';
import { MediaAgreement } from './media-agreement.entity';

/** A payment against an invoice (factura) of an agreement. */
@Entity('agreement_payments')
@Index('idx_agreement_payments_agreement', ['agreementId'])
export class AgreementPayment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  agreementId: number;

  @ManyToOne(() => MediaAgreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: MediaAgreement;

  @Column({ type: 'varchar', length: 60 })
  invoiceNumber: string;

  @Column({ type: 'date' })
  invoiceDate: string;

  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: numericColumn })
  amount: number;

  @Column({ type: 'date' })
  paidOn: string;

  @Column({ type: 'int', nullable: true })
  documentId: number | null;

  @ManyToOne(() => AgreementDocument, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'document_id' })
  document?: AgreementDocument;

  @Column({ type: 'varchar', length: 500, nullable: true })
  notes: string | null;

  @Column({ type: 'int', nullable: true })
  createdByUserId: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
