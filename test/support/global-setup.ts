import { startEmbeddedDatabase } from '../../src/database/embedded-database';

/**
 * With DATABASE_URL unset, the suite runs on an embedded PostgreSQL (PGlite) started here,
 * once, in memory; with it set, on that server. Each test file then works in its own schema.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) {
    process.env.CABILDO_TEST_DB = 'server';
    return;
  }
  const db = await startEmbeddedDatabase({ dataDir: 'memory://', maxConnections: 2 });
  (globalThis as { __cabildoDb?: { stop(): Promise<void> } }).__cabildoDb = db;
  process.env.DATABASE_URL = db.url;
  process.env.DATABASE_POOL_SIZE = '1';
  process.env.CABILDO_TEST_DB = 'embedded';
  console.log(`\nBase de datos de prueba: PGlite embebido (${db.url})`);
}
