import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One column of the transparency export: which field, its header, its place. The official formats change. */
@Entity('transparency_columns')
export class TransparencyColumn {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  key: string;

  @Column({ type: 'varchar', length: 300 })
  header: string;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;
}
