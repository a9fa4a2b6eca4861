import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every try at delivering an outbox entry, kept: when, whether it worked, what the other side said. */
@Entity('outbox_attempts')
@Index('idx_outbox_attempts_entry', ['outboxId'])
export class OutboxAttempt {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'bigint' })
  outboxId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'boolean' })
  ok: boolean;

  @Column({ type: 'text', nullable: true })
  detail: string | null;
}
