import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { MediaAgreement } from './media-agreement.entity';

/** A file of an agreement (proposal, signed contract, invoice, evidence), kept in FileStorage. */
@Entity('agreement_documents')
@Index('idx_agreement_documents_agreement', ['agreementId'])
export class AgreementDocument {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  agreementId: number;

  @ManyToOne(() => MediaAgreement, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agreement_id' })
  agreement?: MediaAgreement;

  /** proposal, contract, invoice, evidence, other */
  @Column({ type: 'varchar', length: 20 })
  kind: string;

  @Column({ type: 'varchar', length: 120 })
  storageKey: string;

  @Column({ type: 'varchar', length: 255 })
  originalName: string;

  @Column({ type: 'varchar', length: 120 })
  mimeType: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'int', nullable: true })
  uploadedByUserId: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
