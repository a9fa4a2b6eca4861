import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last folio number given in a year. Locked FOR UPDATE while filing, so numbers have no gaps. */
@Entity('folio_counters')
export class FolioCounter {
  @PrimaryColumn({ type: 'int' })
  year: number;

  @Column({ type: 'int', default: 0 })
  last: number;
}
