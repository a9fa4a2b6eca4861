import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CampaignType } from './campaign-kinds';

/** A communication campaign of the year's programme. */
@Entity('campaigns')
@Index('idx_campaigns_year', ['year'])
export class Campaign {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 30 })
  type: CampaignType;

  /** The topic (tema) the transparency format asks for. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  topic: string | null;

  @Column({ type: 'text' })
  objective: string;

  @Column({ type: 'varchar', length: 300, nullable: true })
  audience: string | null;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date' })
  endsOn: string;

  @Column({ type: 'text', nullable: true })
  mediaPlan: string | null;

  @Column({ type: 'int', nullable: true })
  createdByUserId: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
