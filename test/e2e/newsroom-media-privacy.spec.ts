import exifr from 'exifr';
import sharp from 'sharp';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MediaBankService } from '../../src/media-bank/media-bank.service';
import { PressReleasesService } from '../../src/press-releases/press-releases.service';
import { releaseEmail } from '../../src/press-releases/release-render';
import { createTestApp, login, TestApp } from '../support/app';
import { jpegWithExif, plainJpeg } from '../support/media';

/**
 * L1 and L2 of the security audit: what the public newsroom, its feeds and the release emails
 * serve of the media bank. A photo's public full-resolution copy carries no GPS position nor
 * camera, only its credit and rights; the untouched original stays for staff. A file marked
 * "no usar", or whose rights expired, is not served at all.
 */
describe('newsroom media: no location in public photos, nothing unusable', () => {
  let t: TestApp;
  let releases: PressReleasesService;
  const press = { userId: null, label: 'prensa', ip: null, role: 'press' };
  const director = { userId: null, label: 'directora', ip: null, role: 'director' };
  let releaseId: number;
  let path: string;
  let gpsId: number;
  let blockedId: number;
  let expiredId: number;

  beforeAll(async () => {
    t = await createTestApp();
    releases = t.app.get(PressReleasesService);
    const bank = t.app.get(MediaBankService);
    const up = async (data: Buffer, name: string, meta: Record<string, unknown>) => {
      const r = await bank.ingestBuffer(data, name, meta as never, SYSTEM_ACTOR);
      if (!r.ok) throw new Error('upload');
      return r.asset.id;
    };
    gpsId = await up(await jpegWithExif(), 'entrega.jpg', { title: 'Entrega de obra', credit: 'Ana Cruz', rights: 'free' });
    blockedId = await up(await plainJpeg('#aa2222'), 'menor.jpg', { title: 'Foto con un menor de edad', rights: 'free' });
    expiredId = await up(await plainJpeg('#2222aa'), 'agencia.jpg', { title: 'Foto de agencia', rights: 'free', rightsExpiresOn: '2099-01-31' });
    const r = await releases.create({ title: 'Entregan la obra de la plaza', place: 'Tampacán, S.L.P.', releaseDate: '2026-03-14', body: 'Cuerpo del comunicado.' } as never, press);
    await releases.setMedia(r.id, [gpsId, blockedId, expiredId].map((assetId) => ({ assetId, caption: `Pie de ${assetId}` })), press);
    for (const s of ['submit', 'approve', 'publish'] as const) await releases.act(r.id, { action: s }, s === 'approve' ? director : press);
    releaseId = r.id;
    path = releases.newsroomPath(r);
    // After publication: one is marked "no usar", the other's licence runs out.
    await t.dataSource.query(`UPDATE media_assets SET do_not_use = true WHERE id = $1`, [blockedId]);
    await t.dataSource.query(`UPDATE media_assets SET rights_expires_on = '2020-01-31' WHERE id = $1`, [expiredId]);
  });
  afterAll(() => t?.close());

  it('the public original has full resolution, no GPS and no camera, and keeps the credit', async () => {
    const res = await t.agent().get(`/sala-de-prensa/${releaseId}/fotos/${gpsId}/original`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const body = res.body as Buffer;
    const meta = await sharp(body).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 2400, height: 1600 });
    const tags = (await exifr.parse(body, { gps: true, xmp: true, iptc: true, tiff: true, exif: true })) ?? {};
    expect(tags.latitude).toBeUndefined();
    expect(tags.GPSLatitude).toBeUndefined();
    expect(tags.Make).toBeUndefined();
    expect(tags.Model).toBeUndefined();
    expect(JSON.stringify(tags)).toContain('Ana Cruz');
    expect(body.toString('latin1')).not.toContain('Canon');
  });

  it('a new credit makes a new public copy that carries it', async () => {
    const bank = t.app.get(MediaBankService);
    const a = await bank.get(gpsId);
    const before = a.publicKey!;
    expect(before).toBeTruthy();
    await bank.update(gpsId, { title: a.title, caption: a.caption ?? undefined, credit: 'Beatriz Solís', tags: '', rights: a.rights, doNotUse: false } as never, SYSTEM_ACTOR);
    const res = await t.agent().get(`/sala-de-prensa/${releaseId}/fotos/${gpsId}/original`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const tags = (await exifr.parse(res.body as Buffer, { xmp: true, tiff: true })) ?? {};
    expect(JSON.stringify(tags)).toContain('Beatriz Solís');
    expect(JSON.stringify(tags)).not.toContain('Ana Cruz');
    expect((await bank.get(gpsId)).publicKey).not.toBe(before);
  });

  it('staff still download the untouched original from the bank', async () => {
    const u = await t.factories.user('press');
    const agent = t.agent();
    await login(agent, u.email, u.password);
    const res = await agent.get(`/banco/${gpsId}/original`).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(res.status).toBe(200);
    const tags = await exifr.parse(res.body as Buffer, { gps: true });
    expect(tags.latitude).toBeCloseTo(21.408, 2);
    expect(tags.Make).toBe('Canon');
  });

  it('a photo marked "no usar" or whose rights expired is not on the page, the feed, the email, nor at its address', async () => {
    const page = await t.agent().get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain(`/fotos/${gpsId}/`);
    const rss = await t.agent().get('/sala-de-prensa/feed.xml');
    for (const id of [blockedId, expiredId]) {
      expect(page.text).not.toContain(`/fotos/${id}/`);
      expect(rss.text).not.toContain(`/fotos/${id}/`);
      for (const v of ['web', 'original', 'miniatura']) expect((await t.agent().get(`/sala-de-prensa/${releaseId}/fotos/${id}/${v}`)).status).toBe(404);
    }
    const r = (await releases.visible(releaseId))!;
    const mail = releaseEmail(await releases.document(r, 'public'));
    expect(mail.html).toContain(`/fotos/${gpsId}/`);
    for (const id of [blockedId, expiredId]) expect(`${mail.html}${mail.text}`).not.toContain(`/fotos/${id}/`);
  });
});
