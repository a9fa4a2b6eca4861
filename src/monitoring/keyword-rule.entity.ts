import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A word or phrase that makes a feed item a candidate clipping (the municipality, the mayor, departments, topics). */
@Entity('monitoring_keywords')
export class KeywordRule {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 120, unique: true })
  term: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
