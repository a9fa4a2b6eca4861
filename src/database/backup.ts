import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Extension } from '@electric-sql/pglite';
import { Client } from 'pg';
import type { AppConfig } from '../config/config';
import { lockDataDir } from './embedded-database';

/**
 * `npm run backup` / `npm run restore`: the database and the stored files, together, in one
 * folder with a manifest. A real PostgreSQL is dumped with pg_dump (custom format, restored
 * with pg_restore: Debian's postgresql-client, of the server's major version or newer); the
 * embedded database (PGlite) is copied whole with PGlite's own dumpDataDir, which needs
 * Cabildo stopped (its data folder is locked while it runs). The database is dumped FIRST,
 * then the files: every file the dump names is already stored (files are written before the
 * row that names them), and a file uploaded in between is only an extra.
 *
 * Files are copied from the local UPLOADS_DIR. With object storage (S3_*), the bucket is
 * copied through the storage interface instead (list + get), or by the bucket's own tools.
 */
export interface BackupManifest {
  format: 1;
  app: 'cabildo';
  createdAt: string;
  database: { kind: 'postgresql' | 'embedded'; schema: string | null; file: string; sha256: string; bytes: number; lastMigration: string | null };
  files: { dir: string; count: number; bytes: number };
}

export const MANIFEST = 'manifiesto.json';
const FILES_DIR = 'archivos';

export class BackupError extends Error {}

function uploadsDir(config: AppConfig): string {
  return resolve(config.UPLOADS_DIR ?? join(config.DATA_DIR, 'uploads'));
}

/** libpq's environment for a postgres:// URL: the password never appears in `ps`. */
function pgEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env, PGHOST: u.hostname, PGPORT: u.port || '5432', PGUSER: decodeURIComponent(u.username), PGDATABASE: decodeURIComponent(u.pathname.slice(1)) };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const ssl = u.searchParams.get('sslmode');
  if (ssl) env.PGSSLMODE = ssl;
  return env;
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(new BackupError(e.code === 'ENOENT' ? `No se encontró ${cmd}: instale el cliente de PostgreSQL (apt-get install postgresql-client)` : e.message)),
    );
    child.on('exit', (code) => (code === 0 ? resolvePromise() : reject(new BackupError(`${cmd} terminó con error ${code}:\n${err.trim()}`))));
  });
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Number and total size of the files under `dir` (0 if it does not exist). */
export async function tally(dir: string): Promise<{ count: number; bytes: number }> {
  let count = 0;
  let bytes = 0;
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  for (const e of entries) {
    if (!e.isFile()) continue;
    count++;
    bytes += (await stat(join(e.parentPath, e.name))).size;
  }
  return { count, bytes };
}

async function pgliteExtensions(): Promise<Record<string, Extension>> {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };
  const { unaccent } = require('@electric-sql/pglite/contrib/unaccent') as { unaccent: Extension };
  return { pg_trgm, unaccent };
}

async function lastMigration(q: (sql: string) => Promise<{ rows: Record<string, unknown>[] }>, schema: string): Promise<string | null> {
  const r = await q(`SELECT name FROM "${schema}".migrations ORDER BY timestamp DESC LIMIT 1`).catch(() => ({ rows: [] }));
  return (r.rows[0]?.name as string) ?? null;
}

export async function backup(config: AppConfig, outDir: string, log: (line: string) => void = console.log): Promise<BackupManifest> {
  const out = resolve(outDir);
  if ((await readdir(out).catch(() => [])).length) throw new BackupError(`La carpeta ${out} ya existe y no está vacía: elija otra para el respaldo`);
  await mkdir(out, { recursive: true });
  const schema = config.DATABASE_SCHEMA ?? 'public';
  let database: BackupManifest['database'];
  if (config.DATABASE_URL) {
    const file = 'base.dump';
    const client = new Client({ connectionString: config.DATABASE_URL });
    await client.connect();
    const migration = await lastMigration((s) => client.query(s), schema).finally(() => client.end());
    log(`Respaldando la base ${config.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')} (esquema ${schema}) con pg_dump…`);
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--schema=${schema}`, `--file=${join(out, file)}`], pgEnv(config.DATABASE_URL));
    database = { kind: 'postgresql', schema, file, sha256: await sha256(join(out, file)), bytes: (await stat(join(out, file))).size, lastMigration: migration };
  } else {
    const dir = resolve(config.DATA_DIR);
    let release: () => Promise<void>;
    try {
      release = await lockDataDir(dir);
    } catch {
      throw new BackupError(`Cabildo está usando la base embebida en ${dir}: deténgalo (systemctl stop cabildo), respalde y vuelva a arrancarlo`);
    }
    try {
      const file = 'base.pglite.tar.gz';
      log(`Respaldando la base embebida en ${dir}…`);
      const { PGlite } = await import('@electric-sql/pglite');
      const db = await PGlite.create({ dataDir: join(dir, 'pg'), extensions: await pgliteExtensions() });
      const migration = await lastMigration((s) => db.query(s), schema);
      const dump = await db.dumpDataDir('gzip');
      await db.close();
      await writeFile(join(out, file), Buffer.from(await dump.arrayBuffer()));
      database = { kind: 'embedded', schema: null, file, sha256: await sha256(join(out, file)), bytes: (await stat(join(out, file))).size, lastMigration: migration };
    } finally {
      await release();
    }
  }
  const from = uploadsDir(config);
  log(`Copiando los archivos de ${from}…`);
  await mkdir(join(out, FILES_DIR));
  if ((await stat(from).catch(() => null))?.isDirectory()) await cp(from, join(out, FILES_DIR), { recursive: true, preserveTimestamps: true });
  const files = { dir: FILES_DIR, ...(await tally(join(out, FILES_DIR))) };
  const manifest: BackupManifest = { format: 1, app: 'cabildo', createdAt: new Date().toISOString(), database, files };
  await writeFile(join(out, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
  log(`Respaldo listo en ${out}: base ${database.bytes} bytes, ${files.count} archivos (${files.bytes} bytes).`);
  return manifest;
}

/**
 * Restore a backup into an EMPTY database (schema without tables) and an empty files folder;
 * `force` replaces what is there. Checks the dump's checksum first and the files' count after.
 */
export async function restore(config: AppConfig, fromDir: string, options: { force?: boolean } = {}, log: (line: string) => void = console.log): Promise<BackupManifest> {
  const from = resolve(fromDir);
  const manifest = JSON.parse(await readFile(join(from, MANIFEST), 'utf8').catch(() => {
    throw new BackupError(`${from} no es un respaldo de Cabildo (falta ${MANIFEST})`);
  })) as BackupManifest;
  if (manifest.app !== 'cabildo' || manifest.format !== 1) throw new BackupError(`${from}: formato de respaldo desconocido`);
  const dump = join(from, manifest.database.file);
  if ((await sha256(dump)) !== manifest.database.sha256) throw new BackupError(`${dump} no coincide con su suma SHA-256: el respaldo está dañado`);
  const to = uploadsDir(config);
  const existing = await tally(to);
  if (existing.count && !options.force) throw new BackupError(`La carpeta de archivos ${to} no está vacía (${existing.count} archivos): use --force para reemplazarla`);

  if (manifest.database.kind === 'postgresql') {
    if (!config.DATABASE_URL) throw new BackupError('Este respaldo es de un PostgreSQL: defina DATABASE_URL con la base (vacía) donde restaurarlo');
    const schema = config.DATABASE_SCHEMA ?? manifest.database.schema ?? 'public';
    if (schema !== (manifest.database.schema ?? 'public')) throw new BackupError(`El respaldo es del esquema ${manifest.database.schema}; DATABASE_SCHEMA dice ${schema}`);
    const client = new Client({ connectionString: config.DATABASE_URL });
    await client.connect();
    try {
      const [{ n }] = (await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1`, [schema])).rows;
      if (n > 0 && !options.force) throw new BackupError(`La base de destino ya tiene ${n} tablas en el esquema ${schema}: restaure en una base vacía, o use --force para reemplazarla`);
      if (n > 0) await client.query(`DROP SCHEMA "${schema}" CASCADE`);
      // The extensions live in public (the first migration puts them there), outside a schema's dump.
      await client.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public; CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
      if (schema !== 'public') await client.query(`DROP SCHEMA IF EXISTS "${schema}"`); // pg_restore creates it
    } finally {
      await client.end();
    }
    log(`Restaurando la base en ${config.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')} con pg_restore…`);
    await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', `--dbname=${pgEnv(config.DATABASE_URL).PGDATABASE}`, dump], pgEnv(config.DATABASE_URL));
  } else {
    if (config.DATABASE_URL) throw new BackupError('Este respaldo es de la base embebida: quite DATABASE_URL y use DATA_DIR para restaurarlo');
    const dir = resolve(config.DATA_DIR);
    let release: () => Promise<void>;
    try {
      release = await lockDataDir(dir);
    } catch {
      throw new BackupError(`Cabildo está usando la base embebida en ${dir}: deténgalo antes de restaurar`);
    }
    try {
      const pgDir = join(dir, 'pg');
      if ((await readdir(pgDir).catch(() => [])).length) {
        if (!options.force) throw new BackupError(`Ya hay una base embebida en ${pgDir}: use --force para reemplazarla`);
        await rm(pgDir, { recursive: true, force: true });
      }
      log(`Restaurando la base embebida en ${dir}…`);
      const { PGlite } = await import('@electric-sql/pglite');
      const db = await PGlite.create({ dataDir: pgDir, loadDataDir: new Blob([await readFile(dump)]), extensions: await pgliteExtensions() });
      await db.query('SELECT 1');
      await db.close();
    } finally {
      await release();
    }
  }

  log(`Copiando ${manifest.files.count} archivos a ${to}…`);
  if (existing.count) await rm(to, { recursive: true, force: true });
  await mkdir(to, { recursive: true });
  await cp(join(from, manifest.files.dir), to, { recursive: true, preserveTimestamps: true });
  const copied = await tally(to);
  if (copied.count !== manifest.files.count || copied.bytes !== manifest.files.bytes) {
    throw new BackupError(`Se copiaron ${copied.count} archivos (${copied.bytes} bytes); el respaldo tiene ${manifest.files.count} (${manifest.files.bytes} bytes)`);
  }
  log(`Restauración completa: base (${manifest.database.lastMigration ?? 'sin migraciones'}) y ${copied.count} archivos. Arranque Cabildo: aplicará las migraciones que falten.`);
  return manifest;
}
