import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { OutletType, ReachKind } from './media-kinds';

/** A newspaper, radio station, TV channel, digital outlet, magazine or agency. */
@Entity('media_outlets')
export class MediaOutlet {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 150, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  type: OutletType;

  @Column({ type: 'varchar', length: 120, nullable: true })
  region: string | null;

  /** Circulation (print), audience (radio/TV) or monthly visitors (digital). */
  @Column({ type: 'int', nullable: true })
  reach: number | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  reachKind: ReachKind | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  reachSource: string | null;

  @Column({ type: 'date', nullable: true })
  reachDate: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  website: string | null;

  /** One account a line, e.g. "Facebook: /RadioHuasteca". */
  @Column({ type: 'text', nullable: true })
  socialAccounts: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
