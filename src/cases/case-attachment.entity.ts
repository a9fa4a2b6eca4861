import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Case } from './case.entity';

/** A photo or PDF on a case. `storageKey` is the copy shown to staff (GPS and other metadata removed). */
@Entity('case_attachments')
export class CaseAttachment {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_case_attachments_case')
  @Column({ type: 'int' })
  caseId: number;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Column({ type: 'varchar', length: 200 })
  storageKey: string;

  /** The file as received (kept as evidence, never shown); null when it carried no metadata to strip. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  originalKey: string | null;

  /** A small JPEG of the cleaned photo for the case and tracking pages; null for PDFs, and for photos stored before thumbnails (made on first view). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  thumbKey: string | null;

  @Column({ type: 'varchar', length: 200 })
  filename: string;

  @Column({ type: 'varchar', length: 100 })
  contentType: string;

  @Column({ type: 'int' })
  size: number;

  /** 'citizen' or 'staff'. */
  @Column({ type: 'varchar', length: 10 })
  source: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
