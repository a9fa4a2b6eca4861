import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MediaOutlet } from '../../media-relations/media-outlet.entity';
import type { PieceKind, PieceStatus } from './campaign-kinds';
import { Campaign } from './campaign.entity';

/** One piece of a campaign: a radio spot, an insert, an aviso, a post… and where and when it runs. */
@Entity('campaign_pieces')
@Index('idx_campaign_pieces_campaign', ['campaignId'])
@Index('idx_campaign_pieces_runs_on', ['runsOn'])
export class CampaignPiece {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  campaignId: number;

  @ManyToOne(() => Campaign, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'campaign_id' })
  campaign?: Campaign;

  @Column({ type: 'varchar', length: 20 })
  kind: PieceKind;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'varchar', length: 20, default: 'idea' })
  status: PieceStatus;

  /** The script or copy: what the piece says. */
  @Column({ type: 'text', nullable: true })
  script: string | null;

  @Column({ type: 'int', nullable: true })
  outletId: number | null;

  @ManyToOne(() => MediaOutlet, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'outlet_id' })
  outlet?: MediaOutlet;

  /** Where it runs besides (or instead of) an outlet: "Página oficial de Facebook", "Perifoneo"… */
  @Column({ type: 'varchar', length: 200, nullable: true })
  placement: string | null;

  @Column({ type: 'date', nullable: true })
  runsOn: string | null;

  @Column({ type: 'date', nullable: true })
  runsUntil: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  publishedAt: Date | null;

  @Column({ type: 'varchar', length: 30, nullable: true })
  blackoutException: string | null;

  @Column({ type: 'text', nullable: true })
  blackoutReason: string | null;

  @Column({ type: 'int', nullable: true })
  createdByUserId: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
