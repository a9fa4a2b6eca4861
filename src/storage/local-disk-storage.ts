import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';
import { ByteRange, checkKey, FileStorage, isStorageKey, StoredEntry, StoredFileMissing } from './file-storage';

/** Files under one folder of this machine (UPLOADS_DIR): the default, for a single instance. */
export class LocalDiskStorage extends FileStorage {
  readonly root: string;

  constructor(root: string) {
    super();
    this.root = resolve(root);
  }

  get description() {
    return `disco local (${this.root})`;
  }

  private pathOf(key: string): string {
    return join(this.root, checkKey(key));
  }

  async put(key: string, data: Buffer | Readable): Promise<number> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    // Written beside, then renamed: a reader never sees half a file, a failed write leaves nothing.
    const tmp = `${path}.tmp-${randomBytes(4).toString('hex')}`;
    try {
      if (Buffer.isBuffer(data)) await writeFile(tmp, data);
      else await pipeline(data, createWriteStream(tmp));
      const { size } = await stat(tmp);
      await rename(tmp, path);
      return size;
    } catch (e) {
      await rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }

  async open(key: string, range?: ByteRange): Promise<Readable> {
    const path = this.pathOf(key);
    const stream = createReadStream(path, range ? { start: range.start, end: range.end } : {});
    // Fail here, not half-way through a response, when the file is missing.
    await new Promise<void>((ok, fail) => {
      stream.once('open', () => ok());
      stream.once('error', (e: NodeJS.ErrnoException) => fail(e.code === 'ENOENT' ? new StoredFileMissing(key) : e));
    });
    return stream;
  }

  async size(key: string): Promise<number | null> {
    const info = await stat(this.pathOf(key)).catch(() => null);
    return info && info.isFile() ? info.size : null;
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }

  async *list(): AsyncIterable<StoredEntry> {
    const walk = async function* (dir: string): AsyncIterable<string> {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) yield* walk(p);
        else if (e.isFile()) yield p;
      }
    };
    for await (const path of walk(this.root)) {
      const key = relative(this.root, path).split(sep).join('/');
      if (!isStorageKey(key)) continue; // half-written temporary files and strays
      const info = await stat(path).catch(() => null);
      if (info) yield { key, size: info.size };
    }
  }
}
