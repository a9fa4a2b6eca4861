import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { PressRelease } from './press-release.entity';

/** The release's history: each step of the workflow and each comment, with who and when. */
@Entity('press_release_events')
@Index('idx_press_release_events_release', ['releaseId', 'id'])
export class ReleaseEvent {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  releaseId: number;

  @ManyToOne(() => PressRelease, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'release_id' })
  release?: PressRelease;

  @Column({ type: 'varchar', length: 20 })
  action: string;

  @Column({ type: 'varchar', length: 20, nullable: true })
  fromStatus: string | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  toStatus: string | null;

  @Column({ type: 'text', nullable: true })
  comment: string | null;

  @Column({ type: 'int', nullable: true })
  version: number | null;

  @Column({ type: 'int', nullable: true })
  userId: number | null;

  @Column({ type: 'varchar', length: 254 })
  actorLabel: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
