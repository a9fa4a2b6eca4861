import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { dataSourceOptions } from './data-source-options';

/**
 * The DataSource the TypeORM CLI uses (migration:run, migration:generate). The app builds
 * its own from the same options in database.module.ts. The CLI needs a real server:
 * set DATABASE_URL (the embedded database lives inside a running Cabildo).
 */
const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('La CLI de migraciones necesita DATABASE_URL, p. ej. postgres://postgres@127.0.0.1:5432/test');
}
export default new DataSource(
  dataSourceOptions({ url, embedded: false, poolSize: 2, schema: process.env.DATABASE_SCHEMA || undefined }),
);
