import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Client } from 'pg';
import { loadConfig } from '../config/config';
import { lockDataDir } from './embedded-database';

/** `npm run db:reset`: empty the database; the next `npm start` migrates and seeds it again. */
async function main() {
  const config = loadConfig();
  if (!config.DATABASE_URL) {
    const dir = resolve(config.DATA_DIR);
    const release = await lockDataDir(dir); // refuses while Cabildo is running on it
    await rm(resolve(dir, 'pg'), { recursive: true, force: true });
    await rm(resolve(config.UPLOADS_DIR ?? resolve(dir, 'uploads')), { recursive: true, force: true });
    await release();
    console.log(`Base embebida en ${dir} borrada.`);
    return;
  }
  const client = new Client({ connectionString: config.DATABASE_URL });
  await client.connect();
  const schema = config.DATABASE_SCHEMA ?? 'public';
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE; CREATE SCHEMA "${schema}"`);
  await client.end();
  console.log(`Esquema ${schema} de ${config.DATABASE_URL.replace(/:[^:@/]+@/, ':***@')} borrado.`);
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
