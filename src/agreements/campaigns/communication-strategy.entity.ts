import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The year's communication strategy and programme (estrategia y programa anual de comunicación social). */
@Entity('communication_strategies')
export class CommunicationStrategy {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'int', unique: true })
  year: number;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  objectives: string;

  @Column({ type: 'text', nullable: true })
  keyMessages: string | null;

  @Column({ type: 'text', nullable: true })
  audiences: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
