import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import request from 'supertest';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MailboxIntake } from '../../src/mailbox/mailbox-intake.service';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { PressReleasesService } from '../../src/press-releases/press-releases.service';
import { FileStorage } from '../../src/storage/file-storage';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';
import { fileRequest, jpegWithGps, seedCategory } from '../support/cases';
import { FakeGraphApi } from '../support/graph-api';
import { jpegWithExif } from '../support/media';
import { clearS3Env, TestS3Server } from '../support/s3';

const binary = (req: request.Test) =>
  req.buffer(true).parse((r, cb) => {
    const c: Buffer[] = [];
    r.on('data', (d: Buffer) => c.push(d));
    r.on('end', () => cb(null, Buffer.concat(c)));
  });

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/**
 * Two instances as on two machines: one database, one S3 bucket (a real S3-protocol server on
 * loopback), and each its own DATA_DIR and UPLOADS_DIR. What one stores, the other serves.
 */
describe('two instances on one bucket, each with its own folder', () => {
  const s3 = new TestS3Server();
  const graph = new FakeGraphApi();
  const dirs: string[] = [];
  const saved = { DATA_DIR: process.env.DATA_DIR, UPLOADS_DIR: process.env.UPLOADS_DIR };
  let a: TestApp;
  let b: TestApp;
  let cookies: string;
  let asset: { id: number; original_key: string; web_key: string; thumb_key: string };
  let photo: Buffer;

  beforeAll(async () => {
    await s3.start();
    await graph.start();
    const own = async () => {
      const d = await mkdtemp(join(tmpdir(), 'cabildo-instance-'));
      dirs.push(d);
      return { DATA_DIR: join(d, 'data'), UPLOADS_DIR: join(d, 'uploads') };
    };
    const shared = { ...s3.env, FACEBOOK_PAGE_ID: graph.pageId, FACEBOOK_PAGE_TOKEN: 'EAAtokendepruebaparalapagina', FACEBOOK_GRAPH_URL: graph.url, OUTBOUND_ALLOW_HOSTS: new URL(graph.url).host };
    a = await createTestApp({ ...shared, ...(await own()) });
    b = await createTestApp({ ...shared, ...(await own()) }, { schema: a.schema });
    const u = await a.factories.user('press');
    const agent = a.agent();
    const res = await login(agent, u.email, u.password);
    cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    // A photo uploaded through A, the way a press officer does it.
    photo = await jpegWithExif();
    const csrf = csrfFrom((await agent.get('/banco/subir')).text);
    const up = await agent.post('/banco/subir').field('_csrf', csrf).field('rights', 'free').field('title', 'Entrega de obra').attach('files', photo, 'IMG_0001.jpg');
    expect(up.status).toBe(303);
    [asset] = await a.dataSource.query(`SELECT id, original_key, web_key, thumb_key FROM media_assets ORDER BY id DESC LIMIT 1`);
  });
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    await graph.stop();
    await s3.stop();
    clearS3Env();
    for (const k of ['FACEBOOK_PAGE_ID', 'FACEBOOK_PAGE_TOKEN', 'FACEBOOK_GRAPH_URL', 'OUTBOUND_ALLOW_HOSTS']) delete process.env[k];
    for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it('keeps the files in the bucket, not in either instance\'s folder', async () => {
    expect(a.app.get(FileStorage).description).toContain(s3.bucket);
    const inBucket: string[] = [];
    for await (const e of b.app.get(FileStorage).list()) inBucket.push(e.key);
    expect(inBucket).toEqual(expect.arrayContaining([asset.original_key, asset.web_key, asset.thumb_key]));
    for (const d of dirs) expect(walk(join(d, 'uploads'))).toEqual([]);
  });

  it('serves through B the photo uploaded through A, and the derivatives A made', async () => {
    const original = await binary(request(b.http).get(`/banco/${asset.id}/original`).set('Cookie', cookies));
    expect(original.status).toBe(200);
    expect(Buffer.compare(original.body as Buffer, photo)).toBe(0);
    expect(original.headers['x-content-type-options']).toBe('nosniff');
    expect(original.headers['content-security-policy']).toContain('sandbox');
    for (const variant of ['web', 'miniatura']) {
      const onA = await binary(request(a.http).get(`/banco/${asset.id}/${variant}`).set('Cookie', cookies));
      const onB = await binary(request(b.http).get(`/banco/${asset.id}/${variant}`).set('Cookie', cookies));
      expect(onB.status).toBe(200);
      expect(onB.headers['content-type']).toBe('image/jpeg');
      expect((onB.body as Buffer).length).toBeGreaterThan(500);
      expect(Buffer.compare(onA.body as Buffer, onB.body as Buffer)).toBe(0);
    }
  });

  it('answers a byte range from the bucket (206), as a player seeking does', async () => {
    const part = await binary(request(b.http).get(`/banco/${asset.id}/original`).set('Cookie', cookies).set('Range', 'bytes=100-1099'));
    expect(part.status).toBe(206);
    expect(part.headers['content-range']).toBe(`bytes 100-1099/${photo.length}`);
    expect(Buffer.compare(part.body as Buffer, photo.subarray(100, 1100))).toBe(0);
  });

  it('renders on B a release PDF that includes the photo stored through A', async () => {
    const releases = a.app.get(PressReleasesService);
    const asPress = { ...SYSTEM_ACTOR, role: 'press' };
    const withPhoto = await releases.create({ title: 'Entregan la obra de la plaza', place: 'Tampacán, S.L.P.', releaseDate: '2026-03-14', body: 'Texto.' } as never, asPress as never);
    await releases.setMedia(withPhoto.id, [{ assetId: asset.id, caption: 'La plaza renovada' }], asPress as never);
    const without = await releases.create({ title: 'Entregan la obra de la plaza', place: 'Tampacán, S.L.P.', releaseDate: '2026-03-14', body: 'Texto.' } as never, asPress as never);
    const pdf = await binary(request(b.http).get(`/comunicados/${withPhoto.id}/pdf`).set('Cookie', cookies));
    const bare = await binary(request(b.http).get(`/comunicados/${without.id}/pdf`).set('Cookie', cookies));
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).includes('/Subtype /Image')).toBe(true);
    expect((bare.body as Buffer).includes('/Subtype /Image')).toBe(false);
    expect((pdf.body as Buffer).length).toBeGreaterThan((bare.body as Buffer).length + 10_000);
  });

  it("serves through B a citizen's photo filed through A, on the staff page and the tracking page", async () => {
    const { category } = await seedCategory(a, { name: 'Alumbrado público' });
    const citizen = a.agent();
    const res = await fileRequest(citizen, { type: 'complaint', categoryId: String(category.id), description: 'La lámpara de la calle Juárez no enciende.', locality: 'Tancuilín', contactName: 'María López' }, [{ name: 'lampara.jpg', content: await jpegWithGps(), type: 'image/jpeg' }]);
    expect(res.status).toBe(303);
    const [att] = await a.dataSource.query(`SELECT a.id, c.folio, a.size FROM case_attachments a JOIN cases c ON c.id = a.case_id ORDER BY a.id DESC LIMIT 1`);
    const staff = await b.factories.user('attention');
    const agent = b.agent();
    await login(agent, staff.email, staff.password);
    const served = await binary(agent.get(`/casos/${att.folio}/adjuntos/${att.id}`));
    expect(served.status).toBe(200);
    expect((served.body as Buffer).length).toBe(att.size);
    expect(served.headers['content-type']).toBe('image/jpeg');
  });

  it('publishes on Facebook, from B\'s outbox, a post with a photo stored through A', async () => {
    const u = await a.factories.user('press');
    const press = a.agent();
    await login(press, u.email, u.password);
    const res = await submitForm(press, '/redes/nueva', '/redes', { intent: 'publish', text: 'Así luce la plaza', assetIds: [String(asset.id)] });
    expect(res.status).toBe(303);
    const id = Number(res.headers.location.split('/').pop());
    await b.app.get(OutboxWorker).drain();
    const [post] = await b.dataSource.query(`SELECT status, last_error FROM social_posts WHERE id = $1`, [id]);
    expect(post).toEqual({ status: 'published', last_error: null });
    const sent = graph.requests.filter((r) => r.edge === 'photos');
    expect(sent).toHaveLength(1);
    expect(sent[0].files[0].bytes).toBeGreaterThan(1000);
  });

  it('serves through B an attachment of an email that A downloaded from the mailbox', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(30_000, 0x41), Buffer.from('\n%%EOF\n')]);
    const source = await new MailComposer({ from: 'Vecina <vecina@ejemplo.mx>', to: 'atencion@tampacan.gob.mx', subject: 'Oficio de la colonia', text: 'Anexo el oficio.', date: new Date(), attachments: [{ filename: 'oficio.pdf', content: pdf, contentType: 'application/pdf' }] }).compile().build();
    await a.app.get(MailboxIntake).ingest('INBOX', '1', { uid: 1, size: source.length, source, headersOnly: false });
    const [att] = await a.dataSource.query(`SELECT id, message_id FROM mail_attachments WHERE filename = 'oficio.pdf'`);
    const served = await binary(request(b.http).get(`/correo/mensajes/${att.message_id}/adjuntos/${att.id}`).set('Cookie', cookies));
    expect(served.status).toBe(200);
    expect(Buffer.compare(served.body as Buffer, pdf)).toBe(0);
  });
});
