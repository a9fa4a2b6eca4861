import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MediaOutlet } from '../../media-relations/media-outlet.entity';
import { Campaign } from '../campaigns/campaign.entity';
import { numericColumn } from '../form-rules';
import type { AgreementStatus } from './agreement-status';
import { BudgetLine } from './budget-line.entity';

/** A media agreement (convenio de difusión) with an outlet, from its reception to its conclusion. */
@Entity('media_agreements')
@Index('idx_media_agreements_status', ['status'])
@Index('idx_media_agreements_year', ['year'])
@Index('idx_media_agreements_outlet', ['outletId'])
export class MediaAgreement {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'int' })
  outletId: number;

  @ManyToOne(() => MediaOutlet, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'outlet_id' })
  outlet?: MediaOutlet;

  @Column({ type: 'varchar', length: 250 })
  supplierName: string;

  @Column({ type: 'varchar', length: 13 })
  supplierRfc: string;

  @Column({ type: 'text' })
  object: string;

  @Column({ type: 'varchar', length: 60, nullable: true, unique: true })
  contractNumber: string | null;

  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: numericColumn })
  subtotal: number;

  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: numericColumn })
  vat: number;

  @Column({ type: 'numeric', precision: 14, scale: 2, transformer: numericColumn })
  total: number;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'int', nullable: true })
  budgetLineId: number | null;

  @ManyToOne(() => BudgetLine, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'budget_line_id' })
  budgetLine?: BudgetLine;

  @Column({ type: 'int', nullable: true })
  campaignId: number | null;

  @ManyToOne(() => Campaign, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Campaign;

  @Column({ type: 'varchar', length: 150, default: 'Dirección de Comunicación Social' })
  requestingArea: string;

  /** direct_award (adjudicación directa), invitation (invitación a tres), tender (licitación). */
  @Column({ type: 'varchar', length: 20, default: 'direct_award' })
  procedure: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  legalBasis: string | null;

  /** dissemination (difusión en medios) or other_services (otros servicios asociados). */
  @Column({ type: 'varchar', length: 30, default: 'dissemination' })
  serviceClassification: string;

  /** e.g. "Spots de radio", "Inserciones en prensa", "Banners". */
  @Column({ type: 'varchar', length: 150, nullable: true })
  serviceType: string | null;

  @Column({ type: 'varchar', length: 20, default: 'received' })
  status: AgreementStatus;

  @Column({ type: 'text', nullable: true })
  analysisNotes: string | null;

  @Column({ type: 'int', nullable: true })
  analysisReach: number | null;

  @Column({ type: 'numeric', precision: 14, scale: 4, nullable: true, transformer: numericColumn })
  costPerContact: number | null;

  @Column({ type: 'int', nullable: true })
  decidedByUserId: number | null;

  @Column({ type: 'varchar', length: 150, nullable: true })
  decidedByName: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  decidedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  decisionNote: string | null;

  @Column({ type: 'date', nullable: true })
  contractDate: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  concludedAt: Date | null;

  @Column({ type: 'int', nullable: true })
  createdByUserId: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
