import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import { Case } from '../cases/case.entity';
import { ApiKey } from './api-key.entity';

/** What an Open311 client sent with a case beyond the case itself: which key, its token, its own ids. */
@Entity('open311_requests')
export class Open311Request {
  @PrimaryColumn({ type: 'int' })
  caseId: number;

  @OneToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Index('idx_open311_requests_key')
  @Column({ type: 'int' })
  apiKeyId: number;

  @ManyToOne(() => ApiKey, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'api_key_id' })
  apiKey?: ApiKey;

  @Column({ type: 'varchar', length: 40, unique: true })
  token: string;

  @Column({ type: 'varchar', length: 100, nullable: true })
  addressId: string | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  mediaUrl: string | null;

  /** The client's own ids (never returned by GET: they may identify a person). */
  @Column({ type: 'varchar', length: 100, nullable: true })
  deviceId: string | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  accountId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
