/** What every benchmark command checks first: a real PostgreSQL, never PGlite. */
import { Client } from 'pg';

export const PGLITE_REFUSAL = [
  'El benchmark necesita un PostgreSQL real: define DATABASE_URL, p. ej.',
  '  createdb -h 127.0.0.1 -U postgres cabildo_bench',
  '  DATABASE_URL=postgres://postgres@127.0.0.1:5432/cabildo_bench npm run bench',
  'PGlite (la base embebida que Cabildo usa sin DATABASE_URL) no sirve para medir: atiende',
  'una consulta a la vez, en WebAssembly, dentro del mismo proceso; sus cifras no dicen nada',
  'de un servidor. (The benchmark refuses to run on PGlite: set DATABASE_URL to a real PostgreSQL.)',
].join('\n');

/** DATABASE_URL, checked: set, a real server (not PGlite behind a socket), not the test suite's database. */
export async function benchDatabaseUrl(): Promise<string> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error(PGLITE_REFUSAL);
    process.exit(2);
  }
  const c = new Client({ connectionString: url });
  try {
    await c.connect();
    const [{ version, db }] = (await c.query(`SELECT version() AS version, current_database() AS db`)).rows;
    if (/emscripten|wasm|pglite/i.test(version)) {
      console.error(PGLITE_REFUSAL);
      process.exit(2);
    }
    if (db === 'test') {
      console.error('El benchmark no usa la base «test» de las pruebas: crea una propia (createdb cabildo_bench).');
      process.exit(2);
    }
  } finally {
    await c.end().catch(() => undefined);
  }
  return url;
}

/** "1000000", "1_000_000", "1e6", "100k", "1m" → a positive integer. */
export function parseCount(v: string | undefined, name: string): number {
  const s = (v ?? '').trim().toLowerCase().replace(/_/g, '');
  const m = /^(\d+(?:\.\d+)?)(k|m)?$/.exec(s) ?? /^(\d+(?:\.\d+)?e\d+)$/.exec(s);
  const n = m ? Math.round(Number(m[1]) * (m[2] === 'k' ? 1e3 : m[2] === 'm' ? 1e6 : 1)) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name}: se esperaba un número de casos (p. ej. 100000, 100k, 1m), no «${v ?? ''}»`);
  return n;
}

export function arg(name: string, argv = process.argv.slice(2)): string | undefined {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = argv[i];
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
}

export function flag(name: string, argv = process.argv.slice(2)): boolean {
  return argv.includes(`--${name}`);
}

/** The schema that holds a scale's data: each scale keeps its own, so a second run need not seed again. */
export function schemaFor(cases: number): string {
  return `bench_${cases >= 1e6 && cases % 1e6 === 0 ? `${cases / 1e6}m` : cases >= 1e3 && cases % 1e3 === 0 ? `${cases / 1e3}k` : cases}`;
}

export function formatCount(n: number): string {
  return n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6} M` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3} k` : String(n);
}
