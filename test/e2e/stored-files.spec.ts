import request from 'supertest';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MediaBankService } from '../../src/media-bank/media-bank.service';
import { createTestApp, login, TestApp } from '../support/app';
import { fileRequest, seedCategory } from '../support/cases';
import { plainJpeg, wavSecond } from '../support/media';

const binary = (req: request.Test) =>
  req.buffer(true).parse((r, cb) => {
    const c: Buffer[] = [];
    r.on('data', (d: Buffer) => c.push(d));
    r.on('end', () => cb(null, Buffer.concat(c)));
  });

/** Stored files served through the app (local disk here): the headers they always had, and byte ranges. */
describe('serving stored files: headers and ranges', () => {
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let audioId: number;
  let photoId: number;
  const wav = wavSecond(3);

  beforeAll(async () => {
    t = await createTestApp();
    const bank = t.app.get(MediaBankService);
    const a = await bank.ingestBuffer(wav, 'entrevista.wav', { title: 'Entrevista', rights: 'free' } as never, SYSTEM_ACTOR);
    const p = await bank.ingestBuffer(await plainJpeg(), 'plaza.jpg', { title: 'Plaza', rights: 'free' } as never, SYSTEM_ACTOR);
    if (!a.ok || !p.ok) throw new Error('upload');
    audioId = a.asset.id;
    photoId = p.asset.id;
    const u = await t.factories.user('press');
    press = t.agent();
    await login(press, u.email, u.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('sends audio whole, as a download, with nosniff and a CSP sandbox, saying it accepts ranges', async () => {
    const res = await binary(press.get(`/banco/${audioId}/original`));
    expect(res.status).toBe(200);
    expect(Buffer.compare(res.body as Buffer, wav)).toBe(0);
    expect(res.headers['content-length']).toBe(String(wav.length));
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    const img = await binary(press.get(`/banco/${photoId}/web`));
    expect(img.headers['content-disposition']).toMatch(/^inline;/);
  });

  it('answers one range with 206 and exactly those bytes, so a player can seek', async () => {
    const mid = await binary(press.get(`/banco/${audioId}/original`).set('Range', 'bytes=1000-1999'));
    expect(mid.status).toBe(206);
    expect(mid.headers['content-range']).toBe(`bytes 1000-1999/${wav.length}`);
    expect(mid.headers['content-length']).toBe('1000');
    expect(Buffer.compare(mid.body as Buffer, wav.subarray(1000, 2000))).toBe(0);
    const tail = await binary(press.get(`/banco/${audioId}/original`).set('Range', 'bytes=-44'));
    expect(tail.status).toBe(206);
    expect(Buffer.compare(tail.body as Buffer, wav.subarray(wav.length - 44))).toBe(0);
    const open = await binary(press.get(`/banco/${audioId}/original`).set('Range', `bytes=${wav.length - 10}-`));
    expect(open.status).toBe(206);
    expect((open.body as Buffer).length).toBe(10);
  });

  it('answers 416 past the end, and the whole file for a malformed range', async () => {
    const past = await press.get(`/banco/${audioId}/original`).set('Range', `bytes=${wav.length + 5}-`);
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${wav.length}`);
    const bad = await binary(press.get(`/banco/${audioId}/original`).set('Range', 'bytes=abc'));
    expect(bad.status).toBe(200);
    expect((bad.body as Buffer).length).toBe(wav.length);
  });

  it('answers HEAD without a body, and 304 when the browser already has it', async () => {
    const head = await press.head(`/banco/${audioId}/original`);
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(wav.length));
    const again = await press.get(`/banco/${audioId}/original`).set('If-None-Match', head.headers.etag);
    expect(again.status).toBe(304);
  });

  it('gives a plain 404 page for a file missing from the store', async () => {
    await t.dataSource.query(`UPDATE media_assets SET original_key = 'media/00/00000000000000000000000000000000.wav' WHERE id = $1`, [audioId]);
    const res = await press.get(`/banco/${audioId}/original`);
    expect(res.status).toBe(404);
    expect(res.headers['content-disposition']).toBeUndefined();
  });

  it("answers a range of a case's attachment too (a citizen's PDF), on the staff and tracking pages", async () => {
    const { category } = await seedCategory(t, { name: 'Alumbrado' });
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(50_000, 0x42), Buffer.from('\n%%EOF\n')]);
    const citizen = t.agent();
    const res = await fileRequest(citizen, { type: 'report', categoryId: String(category.id), description: 'Solicito la reparación de la luminaria de la plaza.', locality: 'Tancuilín' }, [{ name: 'oficio.pdf', content: pdf, type: 'application/pdf' }]);
    expect(res.status).toBe(303);
    const folio = res.headers.location.split('/').pop();
    const [att] = await t.dataSource.query(`SELECT a.id FROM case_attachments a JOIN cases c ON c.id = a.case_id WHERE c.folio = $1`, [folio]);
    const staff = t.agent();
    const u = await t.factories.user('attention');
    await login(staff, u.email, u.password);
    for (const [agent, url] of [[staff, `/casos/${folio}/adjuntos/${att.id}`], [citizen, `/seguimiento/${folio}/adjuntos/${att.id}`]] as const) {
      const part = await binary(agent.get(url).set('Range', 'bytes=0-8'));
      expect(part.status).toBe(206);
      expect((part.body as Buffer).toString()).toBe('%PDF-1.4\n');
      expect(part.headers['content-disposition']).toMatch(/^attachment;/);
      expect(part.headers['content-security-policy']).toContain('sandbox');
    }
  });
});
