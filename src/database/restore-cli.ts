import { ConfigError, loadConfig } from '../config/config';
import { BackupError, restore } from './backup';

/** `npm run restore -- carpeta [--force]`: into an empty database and files folder (src/database/backup.ts). */
async function main() {
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const from = args.find((a) => !a.startsWith('--'));
  if (!from) throw new BackupError('Uso: npm run restore -- <carpeta del respaldo> [--force]');
  await restore(loadConfig(), from, { force });
}

main().catch((e) => {
  console.error(e instanceof BackupError || e instanceof ConfigError ? e.message : (e as Error).stack);
  process.exit(1);
});
