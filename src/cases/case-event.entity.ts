import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Case } from './case.entity';

export const EVENT_KINDS = [
  'filed', 'classified', 'routed', 'assigned', 'status', 'public_reply', 'internal_note',
  'citizen_info', 'attachment', 'duplicate', 'returned', 'survey', 'reopened', 'anonymized',
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

/** One line of a case's timeline: who did what, when; `public` ones are shown to the citizen. */
@Entity('case_events')
@Index('idx_case_events_case', ['caseId', 'id'])
export class CaseEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'int' })
  caseId: number;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Column({ type: 'varchar', length: 20 })
  kind: EventKind;

  @Column({ type: 'boolean', default: false })
  public: boolean;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  /** Structured facts of the event: from/to status, department names, reason… */
  @Column({ type: 'jsonb', default: () => "'{}'" })
  data: Record<string, unknown>;

  @Column({ type: 'int', nullable: true })
  actorId: number | null;

  /** The staff member's name, or "Ciudadano(a)" / "Sistema". */
  @Column({ type: 'varchar', length: 150 })
  actorLabel: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
