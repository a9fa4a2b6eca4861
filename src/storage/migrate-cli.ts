import { resolve } from 'node:path';
import { loadConfig } from '../config/config';
import { LocalDiskStorage } from './local-disk-storage';
import { migrateStore } from './migrate';
import { S3Storage } from './s3-storage';
import { localStorageFor, storageFor } from './storage.module';

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * `npm run storage:migrate [-- --desde CARPETA]`: copy the local store (UPLOADS_DIR, or
 * DATA_DIR/uploads, or the folder given) into the S3 bucket of the S3_* settings. It can run
 * while Cabildo is running, and again as often as needed: what is already there is skipped.
 */
async function main() {
  const config = loadConfig();
  const target = storageFor(config);
  if (!(target instanceof S3Storage)) {
    console.error('Falta S3_BUCKET (y S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY): no hay a dónde copiar los archivos.');
    process.exit(2);
  }
  const i = process.argv.indexOf('--desde');
  const source = i > 0 && process.argv[i + 1] ? new LocalDiskStorage(resolve(process.argv[i + 1])) : localStorageFor(config);
  console.log(`Copiando ${source.description} → ${target.description}`);
  const started = Date.now();
  let lastLine = 0;
  const report = await migrateStore(source, target, (e) => {
    if (e.kind === 'start') return console.log(`${e.total} archivos, ${mb(e.bytes)}`);
    if (e.outcome === 'failed') console.error(`  ERROR ${e.key}: ${e.reason}`);
    // One line a second at most (and the last), so that a large store does not flood the terminal.
    if (Date.now() - lastLine > 1000 || e.index === e.total) {
      lastLine = Date.now();
      console.log(`  ${e.index}/${e.total} (${Math.round((e.index / e.total) * 100)} %)`);
    }
  });
  target.destroy();
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`Listo en ${secs} s: ${report.copied} copiados (${mb(report.bytes)}), ${report.skipped} ya estaban, ${report.failed.length} con error.`);
  if (report.failed.length) {
    console.error('Vuelva a ejecutar el comando: copia solo lo que falta.');
    process.exit(1);
  }
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
