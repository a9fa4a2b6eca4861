import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import { UPLOAD_TMP_DIR } from '../../src/media-bank/media-bank.service';
import { createTestApp, csrfFrom, login, TestApp } from '../support/app';
import { listen } from '../support/browser';
import { fakeExe, jpegWithExif, jpegWithIptc, plainJpeg, wavSecond } from '../support/media';

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
const stored = () => walk(join(process.env.UPLOADS_DIR!, 'media'));
const leftovers = () => (existsSync(UPLOAD_TMP_DIR) ? readdirSync(UPLOAD_TMP_DIR).filter((f) => f.startsWith('up-')) : []);

describe('media bank: uploads checked by content, derivatives and metadata', () => {
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let csrf: string;
  const count = async () => ((await t.dataSource.query('SELECT count(*)::int AS n FROM media_assets')) as { n: number }[])[0].n;

  beforeAll(async () => {
    t = await createTestApp();
    const u = await t.factories.user('press');
    press = t.agent();
    await login(press, u.email, u.password);
    csrf = csrfFrom((await press.get('/banco/subir')).text);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores a phone JPEG: reads EXIF (camera, author, date, GPS) and makes web and thumbnail sizes', async () => {
    const res = await press
      .post(`/banco/subir`).field('_csrf', csrf)
      .field('tags', 'Obra pública, Plaza')
      .field('rights', 'free')
      .attach('files', await jpegWithExif(), 'IMG_0001.jpg');
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/banco\?ids=\d+$/);
    const [a] = await t.dataSource.query(`SELECT * FROM media_assets ORDER BY id DESC LIMIT 1`);
    expect(a.kind).toBe('photo');
    expect(a.mime_type).toBe('image/jpeg');
    expect(a.camera).toBe('Canon EOS 80D');
    expect(a.credit).toBe('Juan Perez');
    expect(a.caption).toBe('Entrega de obra en la plaza');
    expect(a.latitude).toBeCloseTo(21.40833, 4);
    expect(a.longitude).toBeCloseTo(-98.56667, 4);
    expect(a.taken_at).not.toBeNull();
    expect(a.tags).toEqual(['Obra pública', 'Plaza']);
    expect(a.width).toBe(2400);
    const web = await press.get(`/banco/${a.id}/web`).buffer(true).parse((r, cb) => { const c: Buffer[] = []; r.on('data', (d: Buffer) => c.push(d)); r.on('end', () => cb(null, Buffer.concat(c))); });
    expect(web.status).toBe(200);
    expect(web.headers['content-type']).toBe('image/jpeg');
    const webMeta = await sharp(web.body as Buffer).metadata();
    expect(webMeta.width).toBe(1600);
    const thumb = await sharp(await t.app.get(require('../../src/storage/file-storage').FileStorage).read(a.thumb_key)).metadata();
    expect(thumb.width).toBe(400);
    const page = await press.get(`/banco/${a.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Canon EOS 80D');
    expect(page.text).toContain('21.40833');
    const original = await press.get(`/banco/${a.id}/original?descargar=1`);
    expect(original.headers['content-disposition']).toMatch(/attachment/);
  });

  it('refuses an .exe renamed .jpg, with a clear message and nothing stored', async () => {
    const before = { rows: await count(), files: stored().length };
    const res = await press.post(`/banco/subir`).field('_csrf', csrf).field('rights', 'free').attach('files', fakeExe(), 'foto-bonita.jpg');
    expect(res.status).toBe(422);
    expect(res.text).toContain('foto-bonita.jpg');
    expect(res.text).toContain('no es una fotografía, audio, video ni documento admitido');
    expect(res.text).toContain('exe');
    expect(await count()).toBe(before.rows);
    expect(stored().length).toBe(before.files);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a photo over 25 MB, leaving nothing behind', async () => {
    const before = { rows: await count(), files: stored().length };
    const big = Buffer.alloc(26 * 1024 * 1024, 0x20);
    (await plainJpeg()).copy(big, 0);
    const res = await press.post(`/banco/subir`).field('_csrf', csrf).set('Accept', 'application/json').field('rights', 'free').attach('files', big, 'enorme.jpg');
    expect(res.status).toBe(422);
    expect(res.body.accepted).toEqual([]);
    expect(res.body.refused[0].message).toContain('demasiado grande para un archivo de tipo Fotografía (máximo 25 MB)');
    expect(await count()).toBe(before.rows);
    expect(stored().length).toBe(before.files);
    expect(leftovers()).toEqual([]);
  });

  it('refuses a 2 GB upload from its announced size, before reading it', async () => {
    const port = Number(new URL(await listen(t)).port);
    const cookie = (press as unknown as { jar: { getCookies(o: unknown): { toValueString(): string }[] } }).jar
      .getCookies({ domain: '127.0.0.1', path: '/', secure: false, script: false })
      .map((c) => c.toValueString())
      .join('; ');
    const result = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/banco/subir', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(2 * 1024 ** 3), accept: 'application/json', cookie } }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      req.write('--x\r\n');
    });
    expect(result.status).toBe(413);
    expect(JSON.parse(result.body).refused[0].message).toContain('ningún archivo puede pasar de 1024 MB');
    expect(leftovers()).toEqual([]);
  });

  it('reads the duration and format of audio; a damaged photo is kept with a note', async () => {
    const res = await press
      .post(`/banco/subir`).field('_csrf', csrf)
      .set('Accept', 'application/json')
      .field('title', 'Entrevista')
      .field('rights', 'institutional')
      .attach('files', wavSecond(2), 'entrevista.wav')
      .attach('files', Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]), 'dañada.jpg');
    expect(res.status).toBe(200);
    expect(res.body.accepted.map((a: { title: string }) => a.title)).toEqual(['Entrevista (1/2)', 'Entrevista (2/2)']);
    const [audio] = await t.dataSource.query(`SELECT * FROM media_assets WHERE id = $1`, [res.body.accepted[0].id]);
    expect(audio.kind).toBe('audio');
    expect(audio.duration_seconds).toBeCloseTo(2, 1);
    expect(audio.format).toMatch(/WAVE/);
    const [broken] = await t.dataSource.query(`SELECT * FROM media_assets WHERE id = $1`, [res.body.accepted[1].id]);
    expect(broken.original_name).toBe('dañada.jpg');
    expect(broken.web_key).toBeNull();
    expect(broken.processing_notes.join(' ')).toMatch(/No se pudieron generar/);
  });

  it('reads UTF-8 IPTC as UTF-8 (CodedCharacterSet ESC % G, or undeclared), Latin-1 as Latin-1, prefers XMP, and finds the photo', async () => {
    const upload = async (file: Buffer, name: string) => {
      const res = await press.post('/banco/subir').field('_csrf', csrf).field('rights', 'free').attach('files', file, name);
      expect(res.status).toBe(303);
      return (await t.dataSource.query(`SELECT * FROM media_assets ORDER BY id DESC LIMIT 1`))[0];
    };
    const datasets: [number, string][] = [[80, 'Luis Ángel Cruz'], [90, 'Tampacán'], [105, 'Cosecha de naranja en Tamán'], [120, 'Productores de Tampacán muestran la cosecha'], [25, 'Niñez'], [25, 'Agricultura']];
    const declared = await upload(await jpegWithIptc({ datasets }), 'iptc-utf8.jpg');
    expect(declared.credit).toBe('Luis Ángel Cruz');
    expect(declared.title).toBe('Cosecha de naranja en Tamán');
    expect(declared.caption).toBe('Productores de Tampacán muestran la cosecha');
    expect(declared.place).toBe('Tampacán');
    expect(declared.tags).toEqual(['Niñez', 'Agricultura']); // tags keep the case they were written in (issue 16 item 24)
    // Many tools write UTF-8 without declaring it; ISO-8859-1 stays readable too.
    const undeclared = await upload(await jpegWithIptc({ datasets: [[80, 'José Peña']], announceUtf8: false }), 'iptc-sin-marca.jpg');
    expect(undeclared.credit).toBe('José Peña');
    const latin1 = await upload(await jpegWithIptc({ datasets: [[80, 'María Gómez']], latin1: true }), 'iptc-latin1.jpg');
    expect(latin1.credit).toBe('María Gómez');
    // XMP (always Unicode) is read too, and wins over a legacy IPTC value.
    const xmp = '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"><dc:creator><rdf:Seq><rdf:li>Ximena Ñúñez</rdf:li></rdf:Seq></dc:creator><dc:description><rdf:Alt><rdf:li xml:lang="x-default">Danza de los Xantolo en Tampacán</rdf:li></rdf:Alt></dc:description><photoshop:City>Tampacán</photoshop:City></rdf:Description></rdf:RDF></x:xmpmeta>';
    const both = await upload(await jpegWithIptc({ datasets: [[80, 'Ximena Nunez']], xmp }), 'xmp.jpg');
    expect(both.credit).toBe('Ximena Ñúñez');
    expect(both.caption).toBe('Danza de los Xantolo en Tampacán');
    const page = await press.get('/banco?q=luis+angel');
    expect(page.text).toContain('Cosecha de naranja en Tamán');
    expect((await press.get('/banco?q=Ángel Cruz')).text).toContain('Cosecha de naranja en Tamán');
    expect((await press.get(`/banco/${declared.id}`)).text).toContain('Luis Ángel Cruz');
  });

  it('finds assets ignoring accents, filters them, groups them in collections and by event', async () => {
    const res = await press
      .post(`/banco/subir`).field('_csrf', csrf)
      .field('title', 'Inauguración del camión recolector')
      .field('eventId', '77')
      .field('coverageId', '5')
      .field('rights', 'consent')
      .field('rightsExpiresOn', '2020-01-01')
      .attach('files', await plainJpeg('#224488'), 'camion.jpg');
    expect(res.status).toBe(303);
    const found = await press.get('/banco?q=inauguracion+CAMION');
    expect(found.text).toContain('Inauguración del camión recolector');
    expect(found.text).toContain('Derechos vencidos');
    const notFound = await press.get('/banco?q=inauguracion&tipo=audio');
    expect(notFound.text).not.toContain('Inauguración del camión recolector');
    const usable = await press.get('/banco?q=camion&utilizables=1');
    expect(usable.text).not.toContain('Inauguración del camión recolector');
    expect((await press.get('/banco?cobertura=5')).text).toContain('Inauguración del camión recolector');
    expect((await press.get('/banco?cobertura=6')).text).not.toContain('Inauguración del camión recolector');
    const event = await press.get('/banco/eventos/77');
    expect(event.text).toContain('Inauguración del camión recolector');
    const id = Number(/ids=(\d+)/.exec(res.headers.location)![1]);

    const page = await press.get('/banco/colecciones');
    const created = await press.post('/banco/colecciones').type('form').send({ _csrf: csrfFrom(page.text), name: 'Servicios municipales 2026' });
    expect(created.status).toBe(303);
    const cid = Number(created.headers.location.split('/').pop());
    const assetPage = await press.get(`/banco/${id}`);
    await press.post(`/banco/${id}/colecciones`).type('form').send({ _csrf: csrfFrom(assetPage.text), collectionId: String(cid) });
    expect((await press.get(`/banco/colecciones/${cid}`)).text).toContain('Inauguración del camión recolector');

    const edit = await press.post(`/banco/${id}`).type('form').send({ _csrf: csrfFrom(assetPage.text), title: '', rights: 'free' });
    expect(edit.status).toBe(422);
    expect(edit.text).toContain('El título debe tener entre 1 y 200 caracteres.');
    const ok = await press.post(`/banco/${id}`).type('form').send({ _csrf: csrfFrom(assetPage.text), title: 'Camión nuevo', tags: 'Limpieza', rights: 'free', doNotUse: 'on' });
    expect(ok.status).toBe(303);
    const after = await press.get('/banco?q=limpieza');
    expect(after.text).toContain('Camión nuevo');
    expect(after.text).toContain('No usar');
  });

  it('keeps the bank to the press office; directors may only fetch files', async () => {
    const d = await t.factories.user('director');
    const director = t.agent();
    await login(director, d.email, d.password);
    expect((await director.get('/banco')).status).toBe(403);
    const [a] = await t.dataSource.query(`SELECT id FROM media_assets WHERE web_key IS NOT NULL LIMIT 1`);
    expect((await director.get(`/banco/${a.id}/web`)).status).toBe(200);
    expect((await t.agent().get(`/banco/${a.id}/web`)).status).toBe(303);
  });
});
