import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MediaAsset } from './media-asset.entity';
import { MediaCollection } from './media-collection.entity';

@Entity('media_collection_items')
@Index('idx_media_collection_items_asset', ['assetId'])
export class MediaCollectionItem {
  @PrimaryColumn({ type: 'int' })
  collectionId: number;

  @PrimaryColumn({ type: 'int' })
  assetId: number;

  @ManyToOne(() => MediaCollection, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'collection_id' })
  collection?: MediaCollection;

  @ManyToOne(() => MediaAsset, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'asset_id' })
  asset?: MediaAsset;

  @CreateDateColumn({ type: 'timestamptz' })
  addedAt: Date;
}
