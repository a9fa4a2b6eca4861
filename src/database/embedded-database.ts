import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Extension } from '@electric-sql/pglite';
import * as lockfile from 'proper-lockfile';

/**
 * The embedded PostgreSQL (PGlite) used when DATABASE_URL is unset. It is served
 * over the PostgreSQL wire protocol by pglite-socket, so the app talks to it with
 * the same `pg` driver, the same SQL and the same migrations as to a real server.
 * PGlite runs one query at a time: the pool that talks to it has exactly one connection.
 */
export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export class EmbeddedDatabaseLockedError extends Error {}

/** Take the data directory for this process; a second process on it is refused at once. */
export async function lockDataDir(dir: string): Promise<() => Promise<void>> {
  mkdirSync(dir, { recursive: true });
  try {
    return await lockfile.lock(dir, {
      stale: 15_000,
      update: 5_000,
      lockfilePath: resolve(dir, 'cabildo.lock'),
      onCompromised: (err) => {
        // Another process took the data directory from us: stop rather than corrupt it.
        console.error(`La base de datos embebida en ${dir} ya no es nuestra: ${err.message}`);
        process.exit(1);
      },
    });
  } catch {
    throw new EmbeddedDatabaseLockedError(
      `Otra instancia de Cabildo ya usa la base de datos embebida en ${dir}. ` +
        'Detén esa instancia, usa otra carpeta con DATA_DIR, o usa un PostgreSQL real con DATABASE_URL.',
    );
  }
}

/**
 * `maxConnections` stays 1 for the app (its pool has one connection). The test suite allows
 * 2, so that a test file's closing connection and the next file's new one may overlap.
 */
export async function startEmbeddedDatabase(options: { dataDir: string; port?: number; host?: string; maxConnections?: number }): Promise<EmbeddedDatabase> {
  const inMemory = options.dataDir === 'memory://';
  let release: (() => Promise<void>) | undefined;
  let pgDir = 'memory://';
  if (!inMemory) {
    const dir = resolve(options.dataDir);
    release = await lockDataDir(dir);
    pgDir = resolve(dir, 'pg');
  }
  const { PGlite } = await import('@electric-sql/pglite');
  // The contrib entry points are only typed for node16 resolution; they are plain CommonJS here.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm') as { pg_trgm: Extension };
  const { unaccent } = require('@electric-sql/pglite/contrib/unaccent') as { unaccent: Extension };
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
  const db = await PGlite.create({ dataDir: pgDir, extensions: { pg_trgm, unaccent } });
  const server = new PGLiteSocketServer({ db, port: options.port ?? 0, host: options.host ?? '127.0.0.1', maxConnections: options.maxConnections ?? 1 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    async stop() {
      await server.stop();
      await db.close();
      if (release) await release();
    },
  };
}
