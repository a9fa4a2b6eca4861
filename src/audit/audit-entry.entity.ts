import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what to which record, when, and from which address. Rows are only ever added. */
@Entity('audit_log')
@Index('idx_audit_log_entity', ['entityType', 'entityId'])
@Index('idx_audit_log_user', ['userId', 'id'])
@Index('idx_audit_log_at', ['at'])
export class AuditEntry {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @CreateDateColumn({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'int', nullable: true })
  userId: number | null;

  /** The actor as a person reads it (email, or "ciudadano", "sistema"), kept even if the user is renamed. */
  @Column({ type: 'varchar', length: 254 })
  actor: string;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ type: 'varchar', length: 60 })
  entityType: string;

  @Column({ type: 'varchar', length: 60, nullable: true })
  entityId: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'" })
  details: Record<string, unknown>;
}
