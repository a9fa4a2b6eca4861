import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The office's "formato de invitación a actividades para medios" (one row, id 1). */
@Entity('invitation_templates')
export class InvitationTemplate {
  @PrimaryColumn({ type: 'int' })
  id: number;

  @Column({ type: 'varchar', length: 200 })
  subject: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'int', nullable: true })
  updatedById: number | null;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
