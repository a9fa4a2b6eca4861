import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DemoService } from '../../src/demo/demo.service';
import { createTestApp, login, TestApp } from '../support/app';
import { fileRequest, jpegWithGps, seedCategory } from '../support/cases';

const ROOT = join(__dirname, '..', '..');
const embedded = process.env.CABILDO_TEST_DB === 'embedded';
const FILE_COLUMNS: [string, string][] = [
  ['case_attachments', 'storage_key'],
  ['case_attachments', 'original_key'],
  ['case_attachments', 'thumb_key'],
  ['media_assets', 'original_key'],
  ['media_assets', 'web_key'],
  ['media_assets', 'thumb_key'],
  ['media_assets', 'public_key'],
  ['mail_attachments', 'storage_key'],
  ['agenda_event_attachments', 'storage_key'],
  ['agenda_event_attachments', 'thumb_key'],
  ['agreement_documents', 'storage_key'],
  ['campaign_piece_files', 'storage_key'],
  ['clippings', 'storage_key'],
];

/** `npm run backup` / `npm run restore` as an operator runs them (the compiled-on-the-fly CLIs, in their own process). */
function cli(name: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['-r', join(ROOT, 'test/support/ts-register.js'), join(ROOT, `src/database/${name}-cli.ts`), ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, TZ: process.env.TZ, NODE_ENV: 'production', SESSION_SECRET: 'respaldo-de-prueba-0123456789abcdef', ...env },
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`${name} falló (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/**
 * The restore drill: a seeded instance (demo data, and cases with photos filed through the
 * public form) is backed up, restored into an EMPTY database and an empty files folder, and
 * every case and every file is found again: in the database, on disk with the same bytes, and
 * through the app started on the restored copy.
 */
(embedded ? describe.skip : describe)('backup and restore drill (real PostgreSQL)', () => {
  const work = mkdtempSync(join(tmpdir(), 'cabildo-drill-'));
  const srcFiles = join(work, 'archivos-origen');
  const dstFiles = join(work, 'archivos-destino');
  const dstDb = `cabildo_drill_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: process.env.DATABASE_URL });
  let src: TestApp;
  let restored: TestApp | undefined;
  const dstUrl = () => {
    const u = new URL(process.env.DATABASE_URL!);
    u.pathname = `/${dstDb}`;
    return u.toString();
  };

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${dstDb}`);
    src = await createTestApp({ UPLOADS_DIR: srcFiles, DEMO_DATA: 'true', SPAM_POW_MAX_NUMBER: '100', FILINGS_PER_HOUR: '100' });
    await src.app.get(DemoService).seedIfEmpty();
    const { category } = await seedCategory(src, { name: 'Alumbrado del simulacro' });
    for (let i = 1; i <= 3; i++) {
      const res = await fileRequest(src.agent(), { type: 'report', categoryId: String(category.id), description: `Luminaria apagada en la calle ${i} del simulacro`, locality: 'Tampacán (cabecera municipal)' }, [
        { name: `poste-${i}.jpg`, content: await jpegWithGps(), type: 'image/jpeg' },
      ]);
      expect(res.status).toBe(303);
    }
  });
  afterAll(async () => {
    await restored?.app.close();
    await src?.close();
    await admin.query(`DROP DATABASE IF EXISTS ${dstDb} WITH (FORCE)`);
    await admin.end();
    rmSync(work, { recursive: true, force: true });
    for (const k of ['UPLOADS_DIR', 'DEMO_DATA', 'SPAM_POW_MAX_NUMBER', 'FILINGS_PER_HOUR']) delete process.env[k];
    process.env.UPLOADS_DIR = join(tmpdir(), `cabildo-test-uploads-${process.pid}`);
  });

  it('backs up, restores into an empty database and folder, and finds every case and every file', async () => {
    const q = (sql: string) => src.dataSource.query(sql);
    const cases: { folio: string; description: string }[] = await q(`SELECT folio, description FROM cases ORDER BY folio`);
    expect(cases.length).toBeGreaterThanOrEqual(3);
    const keys: string[] = [];
    for (const [table, column] of FILE_COLUMNS) keys.push(...(await q(`SELECT ${column} AS k FROM ${table} WHERE ${column} IS NOT NULL`)).map((r: { k: string }) => r.k));
    expect(keys.length).toBeGreaterThanOrEqual(6); // each photo: the stored copy without GPS and the original
    const users = (await q(`SELECT count(*)::int AS n FROM users`))[0].n;

    const out = join(work, 'respaldo');
    const env = { DATABASE_URL: process.env.DATABASE_URL!, DATABASE_SCHEMA: src.schema, UPLOADS_DIR: srcFiles };
    expect(cli('backup', [out], env)).toContain('Respaldo listo');
    const manifest = JSON.parse(readFileSync(join(out, 'manifiesto.json'), 'utf8'));
    expect(manifest).toMatchObject({ app: 'cabildo', database: { kind: 'postgresql', schema: src.schema }, files: { count: keys.length } });

    const into = { DATABASE_URL: dstUrl(), DATABASE_SCHEMA: src.schema, UPLOADS_DIR: dstFiles };
    expect(cli('restore', [out], into)).toContain('Restauración completa');
    // A second restore over it is refused without --force.
    expect(() => cli('restore', [out], into)).toThrow(/no está vacía|ya tiene/);

    // Every file, byte for byte.
    for (const k of keys) {
      expect(existsSync(join(dstFiles, k))).toBe(true);
      expect(sha(join(dstFiles, k))).toBe(sha(join(srcFiles, k)));
    }
    // The app on the restored copy: every case, every attachment served.
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = dstUrl();
    try {
      restored = await createTestApp({ UPLOADS_DIR: dstFiles, DEMO_DATA: 'false' }, { schema: src.schema });
    } finally {
      process.env.DATABASE_URL = saved;
    }
    expect((await restored.dataSource.query(`SELECT folio, description FROM cases ORDER BY folio`))).toEqual(cases);
    expect((await restored.dataSource.query(`SELECT count(*)::int AS n FROM users`))[0].n).toBe(users);
    expect((await restored.agent().get('/health/ready')).status).toBe(200);
    const person = await restored.factories.user('admin');
    const agent = restored.agent();
    await login(agent, person.email, person.password);
    for (const c of cases) {
      const page = await agent.get(`/casos/${c.folio}`);
      expect(page.status).toBe(200);
      for (const m of page.text.matchAll(/href="(\/casos\/[^"]+\/adjuntos\/\d+)"/g)) expect((await agent.get(m[1])).status).toBe(200);
    }
    const attachments: { folio: string; id: number }[] = await restored.dataSource.query(`SELECT c.folio, a.id FROM case_attachments a JOIN cases c ON c.id = a.case_id`);
    expect(attachments.length).toBeGreaterThanOrEqual(3);
    for (const a of attachments) {
      const res = await agent.get(`/casos/${a.folio}/adjuntos/${a.id}`);
      expect(res.status).toBe(200);
      expect(Number(res.headers['content-length'] ?? res.body?.length ?? 0)).toBeGreaterThan(0);
    }
  });
});

/**
 * A child process that opens an embedded database in `dataDir` (PGlite loads as ESM, which
 * jest's sandbox cannot), runs `sql`, prints each row as JSON, and keeps the database open
 * until its stdin closes when `hold` is set.
 */
function embeddedChild(dataDir: string, sql: string, hold = false) {
  const script = `
    const { startEmbeddedDatabase } = require(${JSON.stringify(join(ROOT, 'src/database/embedded-database.ts'))});
    const { Client } = require('pg');
    (async () => {
      const db = await startEmbeddedDatabase({ dataDir: ${JSON.stringify(dataDir)} });
      const c = new Client({ connectionString: db.url });
      await c.connect();
      const r = await c.query(${JSON.stringify(sql)});
      for (const res of [].concat(r)) for (const row of res.rows || []) console.log(JSON.stringify(row));
      await c.end();
      console.log('listo');
      if (${hold}) await new Promise((r) => process.stdin.on('end', r).resume());
      await db.stop();
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return spawn(process.execPath, ['-r', join(ROOT, 'test/support/ts-register.js'), '-e', script], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
}

async function runChild(child: ReturnType<typeof embeddedChild>, untilReady = false): Promise<string> {
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`exit ${code}: ${out}`))));
    if (untilReady) child.stdout!.on('data', () => out.includes('listo') && resolve());
  });
  return out;
}

/** The embedded database: backed up whole (Cabildo stopped) and restored into another folder. */
describe('backup and restore of the embedded database', () => {
  const work = mkdtempSync(join(tmpdir(), 'cabildo-drill-pglite-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('copies the data folder and the files, and refuses while Cabildo runs on it', async () => {
    const dataDir = join(work, 'origen');
    const env = { DATA_DIR: dataDir, UPLOADS_DIR: join(dataDir, 'uploads') };
    mkdirSync(join(dataDir, 'uploads', 'case', 'ab'), { recursive: true });
    writeFileSync(join(dataDir, 'uploads', 'case', 'ab', 'ab0123.jpg'), 'foto');
    const running = embeddedChild(
      dataDir,
      `CREATE TABLE migrations (id serial, timestamp bigint, name text); INSERT INTO migrations (timestamp, name) VALUES (1, 'Inicial1');
       CREATE TABLE cases (folio text); INSERT INTO cases SELECT 'AC-2026-' || lpad(g::text, 6, '0') FROM generate_series(1, 25) g`,
      true,
    );
    await runChild(running, true);
    expect(() => cli('backup', [join(work, 'r0')], env)).toThrow(/deténgalo/);
    running.stdin!.end();
    await new Promise((r) => running.once('exit', r));
    expect(cli('backup', [join(work, 'r1')], env)).toContain('1 archivos');

    const target = join(work, 'destino');
    cli('restore', [join(work, 'r1')], { DATA_DIR: target, UPLOADS_DIR: join(target, 'uploads') });
    expect(readFileSync(join(target, 'uploads', 'case', 'ab', 'ab0123.jpg'), 'utf8')).toBe('foto');
    const out = await runChild(embeddedChild(target, `SELECT count(*)::int AS n FROM cases`));
    expect(out).toContain('{"n":25}');
  });
});
