import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AgendaEvent } from './agenda-event.entity';

/** A photo or document attached to an event (e.g. the liaison's photos of a proposed activity). */
@Entity('agenda_event_attachments')
@Index('idx_agenda_event_attachments_event', ['eventId'])
export class EventAttachment {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int' })
  eventId: number;

  @ManyToOne(() => AgendaEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id' })
  event?: AgendaEvent;

  @Column({ type: 'varchar', length: 120 })
  storageKey: string;

  /** A small JPEG of a photo for the event page; null for documents, and for photos stored before thumbnails (made on first view). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  thumbKey: string | null;

  @Column({ type: 'varchar', length: 200 })
  filename: string;

  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'int', nullable: true })
  uploadedById: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
