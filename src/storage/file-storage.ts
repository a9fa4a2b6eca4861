import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';

/** A byte range, both ends included (as in an HTTP Range header). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface StoredEntry {
  key: string;
  size: number;
}

/** The file asked for is not in the store (a missing key, a bucket emptied by hand). */
export class StoredFileMissing extends Error {
  constructor(readonly key: string) {
    super(`stored file not found: ${key}`);
  }
}

const KEY = /^[a-z0-9-]+\/[0-9a-f]{2}\/[0-9a-f]{32}(\.[a-z0-9]+)?(-[a-z0-9]+)?(\.[a-z0-9]+)?$/i;

/** Keys are opaque, random and sharded, never derived from a user's file name; anything else is refused. */
export function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error('invalid storage key');
  return key;
}

export function isStorageKey(key: string): boolean {
  return KEY.test(key);
}

/**
 * Every stored file (case attachments, media bank originals and derivatives, mailbox
 * attachments, agreement and campaign documents, clippings, event attachments) behind one
 * interface: bytes in as a buffer or a stream, bytes out as a stream (with ranges, for audio
 * and video) or a buffer. Two implementations: local disk (one machine) and S3-compatible
 * object storage (any number of instances). Nothing outside them knows where a file lives.
 */
export abstract class FileStorage {
  /** What the store is, for the start-up log ("disco local /srv/…", "S3 bucket …"). */
  abstract readonly description: string;

  newKey(prefix: string, extension = ''): string {
    const id = randomBytes(16).toString('hex');
    const safePrefix = prefix.replace(/[^a-z0-9-]/gi, '');
    return `${safePrefix}/${id.slice(0, 2)}/${id}${extension ? '.' + extension.replace(/[^a-z0-9]/gi, '') : ''}`;
  }

  /** Store a buffer or a stream under `key` (replacing what was there); returns the number of bytes written. */
  abstract put(key: string, data: Buffer | Readable, contentType?: string): Promise<number>;

  /** The file (or a range of it) as a stream; StoredFileMissing when there is none. */
  abstract open(key: string, range?: ByteRange): Promise<Readable>;

  /** Its size in bytes, or null when there is no such file. */
  abstract size(key: string): Promise<number | null>;

  abstract delete(key: string): Promise<void>;

  /** Every stored file, in no particular order (for moving a store into another). */
  abstract list(): AsyncIterable<StoredEntry>;

  /** The whole file in memory (for sharp, pdfkit, nodemailer, an upload to Facebook): only for files of bounded size. */
  async read(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of await this.open(key)) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.size(key)) !== null;
  }
}
