import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last release number given in a year; its row is locked FOR UPDATE while a number is taken. */
@Entity('release_counters')
export class ReleaseCounter {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int', default: 0 })
  lastNumber: number;
}
