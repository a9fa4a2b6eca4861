import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CampaignPiece } from './campaign-piece.entity';

/** A file of a piece (script, artwork, audio), kept in FileStorage. */
@Entity('campaign_piece_files')
@Index('idx_campaign_piece_files_piece', ['pieceId'])
export class CampaignPieceFile {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  pieceId: number;

  @ManyToOne(() => CampaignPiece, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'piece_id' })
  piece?: CampaignPiece;

  @Column({ type: 'varchar', length: 120 })
  storageKey: string;

  @Column({ type: 'varchar', length: 255 })
  originalName: string;

  @Column({ type: 'varchar', length: 120 })
  mimeType: string;

  @Column({ type: 'int' })
  size: number;

  /** A media-bank asset, once that module lands (no foreign key yet). */
  @Column({ type: 'int', nullable: true })
  mediaAssetId: number | null;

  @Column({ type: 'int', nullable: true })
  uploadedByUserId: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
