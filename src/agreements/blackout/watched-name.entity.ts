import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A public servant's name that the article-134 warning looks for in releases and pieces. */
@Entity('promotion_watch_names')
export class WatchedName {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 150, unique: true })
  name: string;

  @Column({ type: 'varchar', length: 150, nullable: true })
  position: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
