import { join } from 'node:path';
import * as pg from 'pg';
import type { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from 'typeorm-naming-strategies';

export interface DatabaseTarget {
  url: string;
  embedded: boolean;
  poolSize: number;
  schema?: string;
}

/**
 * The pg module handed to TypeORM. When a schema is named (each test file gets its own),
 * every new connection sets its search_path before the pool hands it out: the client's
 * connect() finishes only after it (pg's pool connects with a callback, so both forms are kept).
 */
function pgFor(schema?: string): typeof pg {
  if (!schema) return pg;
  // Instances starting together may each create the schema: IF NOT EXISTS still races in the
  // catalogue (23505, or 42P06), and either way the schema then exists.
  const create = `CREATE SCHEMA IF NOT EXISTS "${schema}"`;
  const setPath = `SET search_path TO "${schema}", public`;
  const raced = (e: { code?: string }) => {
    if (e.code !== '23505' && e.code !== '42P06') throw e;
  };
  class SchemaClient extends pg.Client {
    override connect(): Promise<pg.Client>;
    override connect(callback: (err: Error | null, client?: pg.Client) => void): void;
    override connect(callback?: (err: Error | null, client?: pg.Client) => void): Promise<pg.Client> | void {
      const ready = super
        .connect()
        .then(() => super.query(create).catch(raced))
        .then(() => super.query(setPath))
        .then(() => this as pg.Client);
      if (!callback) return ready;
      ready.then((c) => callback(null, c), (err: Error) => callback(err));
    }
  }
  class SchemaPool extends pg.Pool {
    constructor(config?: pg.PoolConfig) {
      super({ ...config, Client: SchemaClient } as pg.PoolConfig);
    }
  }
  // defineProperty, not assignment: tsc's CommonJS namespace object exposes Pool as a getter only.
  return Object.defineProperty(Object.create(pg), 'Pool', { value: SchemaPool, enumerable: true }) as typeof pg;
}

export function dataSourceOptions(target: DatabaseTarget): DataSourceOptions {
  return {
    type: 'postgres',
    url: target.url,
    driver: pgFor(target.schema),
    schema: target.schema,
    // PGlite answers one query at a time: more connections would only wait on each other.
    poolSize: target.embedded ? 1 : target.poolSize,
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    installExtensions: false,
    migrationsTableName: 'migrations',
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    extra: { connectionTimeoutMillis: 10_000 },
    logging: ['error'],
  };
}
