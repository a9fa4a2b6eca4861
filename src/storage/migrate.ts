import { FileStorage } from './file-storage';

export interface MigrationReport {
  total: number;
  copied: number;
  skipped: number;
  bytes: number;
  failed: { key: string; reason: string }[];
}

export type MigrationEvent =
  | { kind: 'start'; total: number; bytes: number }
  | { kind: 'file'; index: number; total: number; key: string; size: number; outcome: 'copied' | 'skipped' | 'failed'; reason?: string };

/**
 * Copy every file of `source` into `target` under the same key, then check the size the
 * target reports. A file already there with the same size is left alone, so running it again
 * (after an interruption, or to catch files uploaded meanwhile) copies only what is missing.
 */
export async function migrateStore(source: FileStorage, target: FileStorage, onEvent: (e: MigrationEvent) => void = () => undefined, concurrency = 4): Promise<MigrationReport> {
  const entries: { key: string; size: number }[] = [];
  for await (const e of source.list()) entries.push(e);
  entries.sort((a, b) => a.key.localeCompare(b.key));
  const report: MigrationReport = { total: entries.length, copied: 0, skipped: 0, bytes: 0, failed: [] };
  onEvent({ kind: 'start', total: entries.length, bytes: entries.reduce((n, e) => n + e.size, 0) });
  let next = 0;
  let done = 0;
  const one = async (e: { key: string; size: number }) => {
    let outcome: 'copied' | 'skipped' | 'failed';
    let reason: string | undefined;
    try {
      if ((await target.size(e.key)) === e.size) outcome = 'skipped';
      else {
        await target.put(e.key, await source.open(e.key));
        const there = await target.size(e.key);
        if (there !== e.size) throw new Error(`tamaño distinto tras copiar: ${there ?? 'ninguno'} en vez de ${e.size}`);
        outcome = 'copied';
        report.bytes += e.size;
      }
    } catch (err) {
      outcome = 'failed';
      reason = (err as Error).message;
      report.failed.push({ key: e.key, reason });
    }
    if (outcome === 'copied') report.copied++;
    if (outcome === 'skipped') report.skipped++;
    onEvent({ kind: 'file', index: ++done, total: entries.length, key: e.key, size: e.size, outcome, reason });
  };
  const worker = async () => {
    while (next < entries.length) await one(entries[next++]);
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
  return report;
}
