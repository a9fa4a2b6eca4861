import { startEmbeddedDatabase } from '../../src/database/embedded-database';

/**
 * With DATABASE_URL unset, the suite runs on an embedded PostgreSQL (PGlite) started here,
 * once, in memory; with it set, on that server. Each test file then works in its own schema.
 */
export default async function globalSetup(): Promise<void> {
  await prepareTools();
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

/**
 * A machine with only Node: without Debian's Chromium, the browser tests use the Chromium that
 * comes from npm (@sparticuz/chromium, unpacked once into /tmp); without Dovecot, the mailbox
 * tests use hoodiecrow-imap from npm (test/support/imap.ts), and only if that is missing too
 * are they skipped and named in one line at the end of the run (global-teardown.ts).
 * CABILDO_CHROMIUM_PATH / CABILDO_DOVECOT_PATH pointing at nothing simulate that machine.
 */
async function prepareTools(): Promise<void> {
  const { existsSync, mkdtempSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  process.env.CABILDO_SKIPPED_DIR = mkdtempSync(join(tmpdir(), 'cabildo-omitidas-'));
  const dovecot = process.env.CABILDO_DOVECOT_PATH ?? process.env.DOVECOT_PATH ?? '/usr/sbin/dovecot';
  if (!existsSync(dovecot)) console.log(`\nDovecot no encontrado (${dovecot}): las pruebas del buzón usan hoodiecrow-imap de npm`);
  const system = process.env.CABILDO_CHROMIUM_PATH ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(system)) return;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('@sparticuz/chromium') as { default?: { executablePath(): Promise<string> }; executablePath?: () => Promise<string> };
    const sparticuz = mod.default ?? (mod as { executablePath(): Promise<string> });
    process.env.CABILDO_NPM_CHROMIUM = await sparticuz.executablePath();
    console.log(`\nChromium de Debian no encontrado (${system}): las pruebas de navegador usan el de npm (${process.env.CABILDO_NPM_CHROMIUM})`);
  } catch (e) {
    console.log(`\nNo se pudo preparar el Chromium de npm: ${(e as Error).message}`);
  }
}
