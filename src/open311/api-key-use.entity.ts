import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { ApiKey } from './api-key.entity';

/** One use of an API key: every call that carries it, also the refused ones (rate limit). */
@Entity('api_key_uses')
@Index('idx_api_key_uses_key_at', ['apiKeyId', 'at'])
export class ApiKeyUse {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'int' })
  apiKeyId: number;

  @ManyToOne(() => ApiKey, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'api_key_id' })
  apiKey?: ApiKey;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'varchar', length: 8 })
  method: string;

  @Column({ type: 'varchar', length: 300 })
  path: string;

  /** The answer's HTTP status, written when the answer has left. */
  @Column({ type: 'smallint', nullable: true })
  status: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip: string | null;
}
