import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import type { DatabaseTarget } from './data-source-options';

/**
 * Start-up work that any number of instances may begin at the same moment (migrations, the
 * demo seeding) runs under a PostgreSQL advisory lock: the first to take it does the work, the
 * others wait and then find it done. The lock is held by a connection of its own, outside the
 * app's pool, and is released when that connection closes, even if the process dies.
 * The embedded database serves one process (its data folder is locked): no lock is needed.
 */
export async function withStartupLock<T>(target: DatabaseTarget, work: () => Promise<T>): Promise<T> {
  if (target.embedded) return work();
  const client = new Client({ connectionString: target.url, application_name: 'cabildo-startup' });
  await client.connect();
  try {
    // One key per schema: instances of different schemas (the tests' schema per file) do not wait on each other.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`cabildo:startup:${target.schema ?? 'public'}`]);
    return await work();
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Every pending migration, each in its own transaction, under the start-up lock; the names of those that ran. */
export async function migrate(dataSource: DataSource, target: DatabaseTarget): Promise<string[]> {
  return withStartupLock(target, async () => (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name));
}
