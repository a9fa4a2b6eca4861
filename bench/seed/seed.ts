/**
 * Loads generated cases into a migrated Cabildo schema in bulk: departments, categories and
 * staff first (kept if present), then the cases and their timelines in large
 * INSERT ... SELECT FROM unnest(...) batches, the folio counters, and ANALYZE.
 */
import * as argon2 from 'argon2';
import { CASE_COLUMNS, CaseGenerator, Columns, EVENT_COLUMNS, GENERATOR_VERSION, SeedRefs } from './generate';
import { CATEGORIES, DEPARTMENTS } from './vocabulary';

/** Any way of running SQL: a pg client, a TypeORM DataSource or QueryRunner. */
export type Sql = (text: string, params?: unknown[]) => Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** The staff member the scenarios sign in as. */
export const BENCH_USER = { email: 'bench.atencion@tampacan.gob.mx', password: 'Bench-Tampacan-2026', name: 'Lucía Bench Hernández' };

export interface SeedOptions {
  cases: number;
  /** Cases per INSERT (their timelines go in the same round). */
  batchSize?: number;
  /** Drop the secondary indexes of cases and case_events during the load and build them after (much faster at 1 M). */
  rebuildIndexes?: boolean;
  onProgress?: (done: number, total: number) => void;
  now?: number;
}

export interface SeedResult {
  cases: number;
  events: number;
  maxCaseId: number;
  counters: Record<number, number>;
  ms: number;
}

function insertSql(table: string, columns: readonly (readonly [string, string])[], extra?: { column: string; expression: string }): string {
  const names = columns.map(([n]) => `"${n}"`).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  if (!extra) return `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays})`;
  return `INSERT INTO ${table} (${names}, "${extra.column}") SELECT u.*, ${extra.expression} FROM unnest(${arrays}) AS u(${names})`;
}

async function references(sql: Sql): Promise<SeedRefs> {
  await sql(`INSERT INTO departments (name, email, active) SELECT n, 'dependencia' || i || '@tampacan.gob.mx', true FROM unnest($1::varchar[]) WITH ORDINALITY AS d(n, i) ON CONFLICT (name) DO NOTHING`, [DEPARTMENTS]);
  const departments: { id: number; name: string }[] = await sql(`SELECT id, name FROM departments WHERE name = ANY($1::varchar[]) ORDER BY id`, [DEPARTMENTS]);
  const depId = (i: number) => departments.find((d) => d.name === DEPARTMENTS[i])!.id;
  await sql(
    `INSERT INTO categories (name, default_department_id, deadline_days, active) SELECT * FROM unnest($1::varchar[], $2::int[], $3::int[], $4::bool[]) ON CONFLICT (name) DO NOTHING`,
    [CATEGORIES.map((c) => c.name), CATEGORIES.map((c) => depId(c.department)), CATEGORIES.map((c) => c.days), CATEGORIES.map(() => true)],
  );
  // What Open311 publishes (migration Open311Publication): the street-and-services categories, never the sensitive ones.
  await sql(
    `UPDATE categories SET sensitive = lower(name) = ANY($2::text[]), published = NOT (lower(name) = ANY($2::text[])) WHERE name = ANY($1::varchar[])`,
    [CATEGORIES.map((c) => c.name), ['seguridad pública', 'apoyo y asistencia social', 'programas sociales']],
  );
  const categories: { id: number; name: string; departmentId: number; days: number }[] = await sql(
    `SELECT id, name, default_department_id AS "departmentId", deadline_days AS days FROM categories WHERE name = ANY($1::varchar[]) ORDER BY id`,
    [CATEGORIES.map((c) => c.name)],
  );

  const [existing] = await sql(`SELECT count(*)::int AS n FROM users WHERE email = $1`, [BENCH_USER.email]);
  if (!existing.n) {
    // One hash for every generated account (they share the password); argon2 is slow on purpose.
    const hash = await argon2.hash(BENCH_USER.password, { type: argon2.argon2id });
    const people: [string, string, string, number | null][] = [[BENCH_USER.email, BENCH_USER.name, 'attention', null], ['bench.admin@tampacan.gob.mx', 'Administración Bench', 'admin', null]];
    for (let i = 1; i <= 5; i++) people.push([`bench.atencion${i}@tampacan.gob.mx`, `Atención ${i}`, 'attention', null]);
    departments.forEach((d, i) => {
      for (let k = 1; k <= 2; k++) people.push([`bench.enlace${i + 1}.${k}@tampacan.gob.mx`, `Enlace ${k} de ${d.name}`, 'liaison', d.id]);
    });
    await sql(
      `INSERT INTO users (email, name, password_hash, role, department_id, active) SELECT e, n, $5, r, d, true FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::int[]) AS u(e, n, r, d) ON CONFLICT (email) DO NOTHING`,
      [people.map((p) => p[0]), people.map((p) => p[1]), people.map((p) => p[2]), people.map((p) => p[3]), hash],
    );
  }
  const staff: { id: number; name: string; role: string; departmentId: number | null }[] = await sql(
    `SELECT id, name, role, department_id AS "departmentId" FROM users WHERE email LIKE 'bench.%' AND active ORDER BY id`,
  );
  const liaisons = new Map<number, { id: number; name: string }[]>();
  for (const s of staff.filter((s) => s.role === 'liaison' && s.departmentId)) liaisons.set(s.departmentId!, [...(liaisons.get(s.departmentId!) ?? []), { id: s.id, name: s.name }]);
  return { departments, categories, attention: staff.filter((s) => s.role === 'attention').map(({ id, name }) => ({ id, name })), liaisons };
}

/** Secondary indexes of cases and case_events (not those behind a constraint), to drop and rebuild around a bulk load. */
async function secondaryIndexes(sql: Sql): Promise<{ name: string; def: string }[]> {
  return sql(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename IN ('cases', 'case_events')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname AND c.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()))
      ORDER BY i.indexname`,
  );
}

/** Empty the case tables (and what filings leave behind), then load `cases` generated cases. */
export async function seedCases(sql: Sql, options: SeedOptions): Promise<SeedResult> {
  const started = Date.now();
  const total = options.cases;
  const batchSize = options.batchSize ?? 2000;
  const refs = await references(sql);
  await sql(`TRUNCATE cases, case_events, case_attachments, folio_counters, outbox, outbox_attempts RESTART IDENTITY CASCADE`);
  await sql(`DELETE FROM audit_log WHERE entity_type = 'case'`);
  const indexes = options.rebuildIndexes ? await secondaryIndexes(sql) : [];
  for (const ix of indexes) await sql(`DROP INDEX "${ix.name}"`);

  const gen = new CaseGenerator(total, refs, options.now);
  // Triggers do not fire while loading (replica role): the search vector they keep is written here.
  const [{ vector }] = await sql(`SELECT to_regproc('case_search_vector') IS NOT NULL AS vector`);
  const caseInsert = insertSql('cases', CASE_COLUMNS, vector ? { column: 'search_vector', expression: `case_search_vector(u.description, u.locality, u.neighborhood, u.street)` } : undefined);
  const eventInsert = insertSql('case_events', EVENT_COLUMNS);
  // The data is consistent by construction: skip the per-row foreign-key checks while loading
  // (a superuser can; elsewhere the load is just slower).
  const replica = await sql(`SET session_replication_role = replica`).then(() => true, () => false);
  let events = 0;
  options.onProgress?.(0, total);
  // While PostgreSQL inserts one batch, the next one is generated (two processes, two cores).
  let pending: Promise<unknown> = Promise.resolve();
  for (let from = 1; from <= total; from += batchSize) {
    const to = Math.min(total, from + batchSize - 1);
    const { cases, events: ev } = gen.batch(from, to);
    await pending;
    options.onProgress?.(from - 1, total);
    events += ev[0].length;
    pending = sql(caseInsert, cases as Columns).then(() => sql(eventInsert, ev as Columns));
  }
  await pending;
  options.onProgress?.(total, total);
  if (replica) await sql(`SET session_replication_role = DEFAULT`);
  // Duplicates point to an earlier case: its folio is filled in now that every case exists.
  await sql(`UPDATE case_events e SET data = jsonb_set(e.data, '{originalFolio}', to_jsonb(o.folio)) FROM cases c JOIN cases o ON o.id = c.duplicate_of_id WHERE e.case_id = c.id AND e.kind = 'duplicate'`);

  // The public version of each case, as filing computes it (the street without its number, the point rounded).
  await sql(
    `UPDATE cases SET public_latitude = round(latitude::numeric, 3)::float8, public_longitude = round(longitude::numeric, 3)::float8,
            public_street = NULLIF(btrim(regexp_replace(street, ' [0-9]{1,6}[[:alpha:]]?( *(,|$))', '\\1', 'g')), '')
      WHERE street IS NOT NULL OR latitude IS NOT NULL`,
  );
  for (const ix of indexes) await sql(ix.def);
  // The load ran without triggers: the maintained counts of the inbox (migration CaseCounts) are rebuilt.
  const [{ present }] = await sql(`SELECT to_regproc('case_counts_rebuild') IS NOT NULL AS present`);
  if (present) await sql(`SELECT case_counts_rebuild()`);
  const counters = Object.fromEntries(gen.counters);
  if (gen.counters.size) {
    await sql(`INSERT INTO folio_counters (year, last) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT (year) DO UPDATE SET last = EXCLUDED.last`, [[...gen.counters.keys()], [...gen.counters.values()]]);
  }
  await sql(`SELECT setval(pg_get_serial_sequence('cases', 'id'), $1)`, [Math.max(1, total)]);
  await sql(`ANALYZE cases`);
  await sql(`ANALYZE case_events`);
  await sql(`ANALYZE users`);
  await sql(`ANALYZE categories`);
  await sql(`ANALYZE departments`);
  await sql(`CREATE TABLE IF NOT EXISTS bench_meta (key varchar(40) PRIMARY KEY, value jsonb NOT NULL)`);
  const meta = { cases: total, events, maxCaseId: total, counters, generatorVersion: GENERATOR_VERSION, seededAt: new Date().toISOString() };
  await sql(`INSERT INTO bench_meta (key, value) VALUES ('seed', $1::jsonb) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [JSON.stringify(meta)]);
  return { cases: total, events, maxCaseId: total, counters, ms: Date.now() - started };
}

/** What the last seed of this schema was, if any. */
export async function seedMeta(sql: Sql): Promise<{ cases: number; events: number; maxCaseId: number; counters: Record<string, number>; generatorVersion: number; seededAt: string } | null> {
  const [t] = await sql(`SELECT to_regclass('bench_meta') IS NOT NULL AS present`);
  if (!t.present) return null;
  const [row] = await sql(`SELECT value FROM bench_meta WHERE key = 'seed'`);
  return row ? (typeof row.value === 'string' ? JSON.parse(row.value) : row.value) : null;
}

/**
 * Put the schema back as seeded: the filings a benchmark made (cases above the seeded ids,
 * their outbox rows, audit rows and sessions) are removed and the folio counters restored.
 */
export async function resetAfterRun(sql: Sql): Promise<void> {
  const meta = await seedMeta(sql);
  if (!meta) return;
  // Without foreign-key triggers: cases.duplicate_of_id has no index, so each deleted case would
  // scan the whole table for duplicates pointing at it. The dependants are deleted by hand and
  // the maintained counts rebuilt.
  const replica = await sql(`SET session_replication_role = replica`).then(() => true, () => false);
  // Every table that points at cases (timeline, attachments, Open311 requests…), found in the catalog.
  const dependants: { tbl: string; col: string }[] = await sql(
    `SELECT c.conrelid::regclass::text AS tbl, a.attname AS col FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.confrelid = 'cases'::regclass AND c.conrelid <> 'cases'::regclass AND array_length(c.conkey, 1) = 1`,
  );
  for (const d of dependants) await sql(`DELETE FROM ${d.tbl} WHERE "${d.col}" > $1`, [meta.maxCaseId]);
  await sql(`DELETE FROM cases WHERE id > $1`, [meta.maxCaseId]);
  if ((await sql(`SELECT to_regclass('api_key_uses') IS NOT NULL AS present`))[0].present) await sql(`TRUNCATE api_key_uses`);
  if (replica) {
    await sql(`SET session_replication_role = DEFAULT`);
    const [{ present }] = await sql(`SELECT to_regproc('case_counts_rebuild') IS NOT NULL AS present`);
    if (present) await sql(`SELECT case_counts_rebuild()`);
  }
  await sql(`TRUNCATE outbox, outbox_attempts`);
  await sql(`DELETE FROM audit_log WHERE entity_type = 'case'`);
  await sql(`DELETE FROM session`);
  for (const tbl of ['throttle_counters', 'throttle_hits', 'used_tokens']) if ((await sql(`SELECT to_regclass($1) IS NOT NULL AS present`, [tbl]))[0].present) await sql(`TRUNCATE ${tbl}`);
  await sql(`DELETE FROM folio_counters`);
  const years = Object.keys(meta.counters).map(Number);
  if (years.length) await sql(`INSERT INTO folio_counters (year, last) SELECT * FROM unnest($1::int[], $2::int[])`, [years, years.map((y) => meta.counters[y])]);
  await sql(`SELECT setval(pg_get_serial_sequence('cases', 'id'), $1)`, [Math.max(1, meta.maxCaseId)]);
}
