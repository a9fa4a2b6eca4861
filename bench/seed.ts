/**
 * npm run bench:seed -- --cases 1000000 [--schema bench_1m]
 *
 * Fills a schema of DATABASE_URL with generated cases (see seed/generate.ts). Each scale
 * lives in its own schema (bench_10k, bench_100k, bench_1m) so that `npm run bench` finds
 * it seeded and does not load it again.
 */
import 'reflect-metadata';
import { arg, benchDatabaseUrl, formatCount, parseCount, schemaFor } from './lib/env';
import { openBenchDb } from './lib/db';
import { progressBar } from './lib/progress';
import { seedCases } from './seed/seed';

async function main() {
  const url = await benchDatabaseUrl();
  const cases = parseCount(arg('cases'), '--cases');
  const schema = arg('schema') ?? schemaFor(cases);
  const db = await openBenchDb(url, schema);
  try {
    console.error(`Generando ${formatCount(cases)} casos en el esquema «${schema}»…`);
    await db.sql(`SET maintenance_work_mem = '512MB'`);
    await db.sql(`SET synchronous_commit = off`);
    const bar = progressBar('casos');
    const r = await seedCases(db.sql, { cases, rebuildIndexes: cases >= 5_000, onProgress: bar.update });
    bar.done();
    console.error(`Listo: ${r.cases} casos y ${r.events} entradas de historial en ${(r.ms / 1000).toFixed(1)} s (${Math.round(r.cases / (r.ms / 1000))} casos/s).`);
  } finally {
    await db.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
