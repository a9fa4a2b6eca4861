import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export default async function globalTeardown(): Promise<void> {
  const db = (globalThis as { __cabildoDb?: { stop(): Promise<void> } }).__cabildoDb;
  if (db) await db.stop();
  reportSkipped();
}

/** One line at the very end of the run naming what was skipped for a missing tool, and the command that enables it. */
function reportSkipped(): void {
  const dir = process.env.CABILDO_SKIPPED_DIR;
  if (!dir) return;
  const files = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8').trim()).filter(Boolean);
  rmSync(dir, { recursive: true, force: true });
  if (!files.length) return;
  const suites = files.map((l) => JSON.parse(l) as { file: string; tool: string; install: string });
  const tools = [...new Set(suites.map((s) => `${s.tool} (${s.install})`))];
  console.log(`\nOMITIDAS: ${suites.length} archivos de prueba por falta de ${tools.join(', ')}: ${suites.map((s) => s.file).join(', ')}. Para correrlas: ${[...new Set(suites.map((s) => s.install))].join(' && ')}\n`);
}
