import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/config';
import { DatabaseTarget, dataSourceOptions } from './data-source-options';
import { EmbeddedDatabase, startEmbeddedDatabase } from './embedded-database';
import { migrate } from './startup-lock';

/**
 * `npm run migrate`: bring the database up to date before a rollout, under the same lock the
 * instances take at start-up (running instances and this command never migrate at once).
 * Every instance also migrates when it starts: this command is for those who want it done first.
 */
async function main() {
  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) embedded = await startEmbeddedDatabase({ dataDir: config.DATA_DIR });
  const target: DatabaseTarget = { url: config.DATABASE_URL ?? embedded!.url, embedded: !!embedded, poolSize: 1, schema: config.DATABASE_SCHEMA };
  const dataSource = await new DataSource(dataSourceOptions(target)).initialize();
  try {
    const ran = await migrate(dataSource);
    console.log(ran.length ? `Migraciones aplicadas (${ran.length}):\n${ran.map((n) => `  ${n}`).join('\n')}` : 'La base de datos ya estaba al día.');
  } finally {
    await dataSource.destroy();
    await embedded?.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof ConfigError ? e.message : `No se pudieron aplicar las migraciones: ${(e as Error).message}`);
  process.exit(1);
});
