import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MediaBankService } from '../../src/media-bank/media-bank.service';
import { LocalDiskStorage } from '../../src/storage/local-disk-storage';
import { S3Storage } from '../../src/storage/s3-storage';
import { createTestApp, login, TestApp } from '../support/app';
import { plainJpeg, wavSecond } from '../support/media';
import { clearS3Env, TestS3Server } from '../support/s3';

const ROOT = join(__dirname, '..', '..');

/** `npm run storage:migrate` as an operator runs it (the CLI as its own process). */
function migrate(env: Record<string, string>, args: string[] = []): Promise<{ code: number; out: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, ['-r', join(ROOT, 'test/support/ts-register.js'), join(ROOT, 'src/storage/migrate-cli.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', NODE_NO_WARNINGS: '1', ...env },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('exit', (code) => ok({ code: code ?? -1, out }));
  });
}

describe('npm run storage:migrate: a local store into the bucket', () => {
  const s3 = new TestS3Server();
  const savedUploads = process.env.UPLOADS_DIR;
  let dir: string;
  let local: LocalDiskStorage;
  let bucket: S3Storage;
  let t: TestApp;
  let onS3: TestApp | undefined;
  let assetId: number;
  let photo: Buffer;

  beforeAll(async () => {
    await s3.start();
    dir = await mkdtemp(join(tmpdir(), 'cabildo-migrate-'));
    // An instance on local disk, as before object storage, with a photo and an audio in its bank.
    t = await createTestApp({ UPLOADS_DIR: dir });
    const bank = t.app.get(MediaBankService);
    photo = await plainJpeg('#7a1f3d', 1200, 900);
    const p = await bank.ingestBuffer(photo, 'plaza.jpg', { title: 'Plaza', rights: 'free' } as never, SYSTEM_ACTOR);
    const a = await bank.ingestBuffer(wavSecond(2), 'entrevista.wav', { title: 'Entrevista', rights: 'free' } as never, SYSTEM_ACTOR);
    if (!p.ok || !a.ok) throw new Error('upload');
    assetId = p.asset.id;
    await writeFile(join(dir, 'LEEME.txt'), 'no es un archivo de Cabildo'); // strays are left alone
    local = new LocalDiskStorage(dir);
    bucket = new S3Storage({ endpoint: s3.endpoint, bucket: s3.bucket, region: 'us-east-1', accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey, forcePathStyle: true });
  });
  afterAll(async () => {
    await onS3?.app.close();
    await t?.close();
    bucket?.destroy();
    await s3.stop();
    clearS3Env();
    if (savedUploads === undefined) delete process.env.UPLOADS_DIR;
    else process.env.UPLOADS_DIR = savedUploads;
    await rm(dir, { recursive: true, force: true });
  });

  const keysIn = async (s: LocalDiskStorage | S3Storage) => {
    const m = new Map<string, number>();
    for await (const e of s.list()) m.set(e.key, e.size);
    return m;
  };

  it('refuses to run without a bucket, saying what is missing', async () => {
    const res = await migrate({ UPLOADS_DIR: dir });
    expect(res.code).toBe(2);
    expect(res.out).toContain('Falta S3_BUCKET');
  });

  it('copies every file with its size checked, showing progress', async () => {
    const before = await keysIn(local);
    expect(before.size).toBe(4); // the photo, its web and thumbnail sizes, the audio
    const res = await migrate({ UPLOADS_DIR: dir, ...s3.env });
    expect(res.out).toContain('4 archivos');
    expect(res.out).toContain('4/4 (100 %)');
    expect(res.out).toContain('4 copiados');
    expect(res.out).toContain('0 con error');
    expect(res.code).toBe(0);
    expect(await keysIn(bucket)).toEqual(before);
  });

  it('is idempotent: a second run copies nothing, a file that differs is copied again', async () => {
    const again = await migrate({ UPLOADS_DIR: dir, ...s3.env });
    expect(again.code).toBe(0);
    expect(again.out).toContain('0 copiados');
    expect(again.out).toContain('4 ya estaban');
    const [damaged] = [...(await keysIn(local)).keys()];
    await bucket.put(damaged, Buffer.from('cortado'));
    const fixed = await migrate({ UPLOADS_DIR: dir, ...s3.env });
    expect(fixed.out).toContain('1 copiados');
    expect(Buffer.compare(await bucket.read(damaged), await local.read(damaged))).toBe(0);
  });

  it('leaves an instance on the bucket serving what was uploaded to local disk', async () => {
    onS3 = await createTestApp({ ...s3.env, UPLOADS_DIR: join(dir, 'no-existe') }, { schema: t.schema });
    const u = await onS3.factories.user('press');
    const agent = request.agent(onS3.http);
    await login(agent, u.email, u.password);
    const res = await agent.get(`/banco/${assetId}/original`).buffer(true).parse((r, cb) => { const c: Buffer[] = []; r.on('data', (d: Buffer) => c.push(d)); r.on('end', () => cb(null, Buffer.concat(c))); });
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, photo)).toBe(0);
  });
});
