import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/config';

/**
 * Where uploaded files live. Local disk under UPLOADS_DIR by default; keys are opaque,
 * random and sharded, never derived from a user's file name. A second implementation
 * (object storage) would replace this class behind the same three calls.
 */
@Injectable()
export class FileStorage {
  private readonly root: string;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.root = resolve(config.UPLOADS_DIR ?? join(config.DATA_DIR, 'uploads'));
  }

  newKey(prefix: string, extension = ''): string {
    const id = randomBytes(16).toString('hex');
    const safePrefix = prefix.replace(/[^a-z0-9-]/gi, '');
    return `${safePrefix}/${id.slice(0, 2)}/${id}${extension ? '.' + extension.replace(/[^a-z0-9]/gi, '') : ''}`;
  }

  private pathOf(key: string): string {
    if (!/^[a-z0-9-]+\/[0-9a-f]{2}\/[0-9a-f]{32}(\.[a-z0-9]+)?(-[a-z0-9]+)?(\.[a-z0-9]+)?$/i.test(key)) throw new Error('invalid storage key');
    return join(this.root, key);
  }

  /** Store a buffer or a stream under `key`; returns the number of bytes written. */
  async put(key: string, data: Buffer | Readable): Promise<number> {
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    if (Buffer.isBuffer(data)) {
      await writeFile(path, data);
      return data.length;
    }
    await pipeline(data, createWriteStream(path));
    return (await stat(path)).size;
  }

  get(key: string): Readable {
    return createReadStream(this.pathOf(key));
  }

  /** The file's path on local disk, for libraries that want one (sharp, pdfkit, nodemailer). */
  localPath(key: string): string {
    return this.pathOf(key);
  }

  async exists(key: string): Promise<boolean> {
    return stat(this.pathOf(key)).then(() => true, () => false);
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
