import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MediaAsset } from '../media-bank/media-asset.entity';
import { PressRelease } from './press-release.entity';

/** A photo or audio from the bank chosen for a release, in order, with the caption it carries there. */
@Entity('press_release_media')
@Index('idx_press_release_media_asset', ['assetId'])
export class ReleaseMedia {
  @PrimaryColumn({ type: 'int' })
  releaseId: number;

  @PrimaryColumn({ type: 'int' })
  assetId: number;

  @ManyToOne(() => PressRelease, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'release_id' })
  release?: PressRelease;

  @ManyToOne(() => MediaAsset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id' })
  asset?: MediaAsset;

  @Column({ type: 'int', default: 0 })
  position: number;

  @Column({ type: 'text', nullable: true })
  caption: string | null;
}
