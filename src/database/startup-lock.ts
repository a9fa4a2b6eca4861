import { DataSource, MigrationExecutor } from 'typeorm';

/**
 * Every pending migration, each in its own transaction, under a PostgreSQL advisory lock: any
 * number of instances (and `npm run migrate`) may start at the same moment on an empty database;
 * the first to take the lock migrates, the others wait and then find nothing left to do.
 * The lock and the migrations share one connection of the pool, so that even a pool of one
 * connection (the embedded database) works, and a process that dies lets go of the lock with
 * its connection. One lock per schema (the tests give each file a schema of its own).
 * Returns the names of the migrations that ran.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  const key = `hashtext('cabildo:migrations:' || current_schema())`;
  let failed: Error | undefined;
  try {
    await runner.query(`SELECT pg_advisory_lock(${key})`);
    const executor = new MigrationExecutor(dataSource, runner);
    executor.transaction = 'each';
    return (await executor.executePendingMigrations()).map((m) => m.name);
  } finally {
    await runner.query(`SELECT pg_advisory_unlock(${key})`).catch((e: Error) => (failed = e));
    // A connection that may still hold the lock is closed (released with an error), not handed back to the pool.
    const pgRunner = runner as unknown as { releasePostgresConnection?: (err?: Error) => Promise<void> };
    await (failed && pgRunner.releasePostgresConnection ? pgRunner.releasePostgresConnection(failed) : runner.release());
  }
}
