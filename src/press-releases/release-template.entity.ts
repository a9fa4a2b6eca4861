import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The office's "formato de comunicación": one row (id 1), edited by the press office. */
@Entity('release_template')
export class ReleaseTemplate {
  @PrimaryColumn({ type: 'int', default: 1 })
  id: number;

  /** Lines at the top of every release (institution, office). */
  @Column({ type: 'text' })
  letterhead: string;

  @Column({ type: 'varchar', length: 40, default: 'Boletín' })
  numberPrefix: string;

  @Column({ type: 'varchar', length: 150 })
  defaultPlace: string;

  /** Contact lines at the foot (office, phone, email, page). */
  @Column({ type: 'text' })
  contactFooter: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
