/** A migrated schema of Cabildo's database, reached through TypeORM's own options (the app's migrations). */
import { DataSource, QueryRunner } from 'typeorm';
import { dataSourceOptions } from '../../src/database/data-source-options';
import type { Sql } from '../seed/seed';

export interface BenchDb {
  sql: Sql;
  runner: QueryRunner;
  close(): Promise<void>;
}

/** Open DATABASE_URL in `schema` (created if missing), run the app's migrations there, and hold one connection. */
export async function openBenchDb(url: string, schema: string): Promise<BenchDb> {
  const ds = new DataSource({ ...dataSourceOptions({ url, embedded: false, poolSize: 2, schema }), migrationsTransactionMode: 'each' });
  await ds.initialize();
  await ds.runMigrations({ transaction: 'each' });
  const runner = ds.createQueryRunner();
  await runner.connect();
  await runner.query(`SET search_path TO "${schema}", public`);
  return {
    runner,
    sql: (text, params) => runner.query(text, params),
    async close() {
      await runner.release();
      await ds.destroy();
    },
  };
}
