import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { MediaAsset } from '../media-bank/media-asset.entity';
import { SocialPost } from './social-post.entity';

@Entity('social_post_media')
@Index('idx_social_post_media_asset', ['assetId'])
export class SocialPostMedia {
  @PrimaryColumn({ type: 'int' })
  postId: number;

  @PrimaryColumn({ type: 'int' })
  assetId: number;

  @ManyToOne(() => SocialPost, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'post_id' })
  post?: SocialPost;

  @ManyToOne(() => MediaAsset, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'asset_id' })
  asset?: MediaAsset;

  @Column({ type: 'int', default: 0 })
  position: number;
}
