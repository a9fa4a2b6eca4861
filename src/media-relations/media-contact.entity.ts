import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { ContactChannel } from './media-kinds';
import { MediaOutlet } from './media-outlet.entity';

/** A journalist, reporter, editor or producer at an outlet (or independent). */
@Entity('media_contacts')
@Index('idx_media_contacts_email', ['email'])
@Index('idx_media_contacts_outlet', ['outletId'])
export class MediaContact {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 150 })
  name: string;

  @Column({ type: 'varchar', length: 120, nullable: true })
  role: string | null;

  @Column({ type: 'int', nullable: true })
  outletId: number | null;

  @ManyToOne(() => MediaOutlet, { nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'outlet_id' })
  outlet?: MediaOutlet | null;

  /** Stored lower-cased. */
  @Column({ type: 'varchar', length: 254, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  phones: string | null;

  /** The fuente the person covers (política, seguridad, cultura…). */
  @Column({ type: 'varchar', length: 120, nullable: true })
  beat: string | null;

  @Column({ type: 'varchar', length: 20, default: 'email' })
  preferredChannel: ContactChannel;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** "No contactar": every sending (invitations, releases) leaves this person out. */
  @Column({ type: 'boolean', default: false })
  doNotContact: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
