import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { TestS3Server } from '../../test/support/s3';
import { FileStorage, StoredFileMissing } from './file-storage';
import { LocalDiskStorage } from './local-disk-storage';
import { S3Storage } from './s3-storage';

const text = async (r: Readable) => {
  const c: Buffer[] = [];
  for await (const x of r) c.push(x as Buffer);
  return Buffer.concat(c);
};

/** The same contract, on local disk and on a real S3-protocol server. */
describe.each(['local', 's3'] as const)('FileStorage on %s', (kind) => {
  let storage: FileStorage;
  let dir: string;
  const s3 = new TestS3Server();

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cabildo-storage-spec-'));
    if (kind === 'local') storage = new LocalDiskStorage(dir);
    else {
      await s3.start();
      storage = new S3Storage({ endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true });
    }
  });
  afterAll(async () => {
    if (storage instanceof S3Storage) {
      storage.destroy();
      await s3.stop();
    }
    await rm(dir, { recursive: true, force: true });
  });

  it('stores a buffer and gives it back whole, as a stream and by ranges', async () => {
    const key = storage.newKey('cases', 'jpg');
    const data = Buffer.from('0123456789abcdefghij');
    expect(await storage.put(key, data)).toBe(20);
    expect(await storage.size(key)).toBe(20);
    expect(await storage.exists(key)).toBe(true);
    expect((await storage.read(key)).toString()).toBe('0123456789abcdefghij');
    expect((await text(await storage.open(key))).toString()).toBe('0123456789abcdefghij');
    expect((await text(await storage.open(key, { start: 5, end: 9 }))).toString()).toBe('56789');
    expect((await text(await storage.open(key, { start: 19, end: 19 }))).toString()).toBe('j');
  });

  it('stores a stream larger than one multipart part, counting its bytes', async () => {
    const key = storage.newKey('media', 'bin');
    const chunk = Buffer.alloc(1024 * 1024, 7);
    const n = await storage.put(key, Readable.from((function* () { for (let i = 0; i < 12; i++) yield chunk; })()));
    expect(n).toBe(12 * 1024 * 1024);
    expect(await storage.size(key)).toBe(12 * 1024 * 1024);
    const tail = await text(await storage.open(key, { start: n - 3, end: n - 1 }));
    expect([...tail]).toEqual([7, 7, 7]);
  });

  it('says a missing file is missing, and deletes idempotently', async () => {
    const key = storage.newKey('mailbox', 'pdf');
    expect(await storage.size(key)).toBeNull();
    expect(await storage.exists(key)).toBe(false);
    await expect(storage.open(key)).rejects.toBeInstanceOf(StoredFileMissing);
    await expect(storage.read(key)).rejects.toBeInstanceOf(StoredFileMissing);
    await storage.put(key, Buffer.from('%PDF-'));
    await storage.delete(key);
    await storage.delete(key);
    expect(await storage.exists(key)).toBe(false);
  });

  it('refuses keys that are not its own (no paths, no traversal)', async () => {
    await expect(storage.put('../../etc/passwd', Buffer.from('x'))).rejects.toThrow('invalid storage key');
    await expect(storage.open('cases/00/../../x')).rejects.toThrow('invalid storage key');
  });

  it('lists what it holds, with sizes', async () => {
    const key = storage.newKey('clippings', 'png');
    await storage.put(key, Buffer.alloc(321));
    const all = new Map<string, number>();
    for await (const e of storage.list()) all.set(e.key, e.size);
    expect(all.get(key)).toBe(321);
    if (kind === 'local') expect((await readdir(dir)).sort()).toEqual(['cases', 'clippings', 'mailbox', 'media']);
  });
});
