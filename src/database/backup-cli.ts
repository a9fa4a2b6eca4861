import { join } from 'node:path';
import { ConfigError, loadConfig } from '../config/config';
import { backup, BackupError } from './backup';

/** `npm run backup [-- carpeta]`: the database and the files, together (src/database/backup.ts). */
async function main() {
  const config = loadConfig();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const out = process.argv[2] ?? join(config.DATA_DIR, 'respaldos', `cabildo-${stamp}`);
  await backup(config, out);
}

main().catch((e) => {
  console.error(e instanceof BackupError || e instanceof ConfigError ? e.message : (e as Error).stack);
  process.exit(1);
});
