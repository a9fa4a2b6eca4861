import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A single-use token already spent (a proof-of-work solution, an arithmetic answer), until it expires. */
@Entity('used_tokens')
@Index('idx_used_tokens_expires', ['expiresAt'])
export class UsedToken {
  @PrimaryColumn({ type: 'varchar', length: 200 })
  id: string;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;
}
