import Parser from 'rss-parser';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { DepartmentsService } from '../../src/departments/departments.service';
import { MediaBankService } from '../../src/media-bank/media-bank.service';
import { PressReleasesService } from '../../src/press-releases/press-releases.service';
import { createTestApp, TestApp } from '../support/app';
import { plainJpeg, wavSecond } from '../support/media';

describe('public newsroom: only what is published and past its embargo', () => {
  let t: TestApp;
  let releases: PressReleasesService;
  const press = { userId: null, label: 'prensa', ip: null, role: 'press' };
  const director = { userId: null, label: 'directora', ip: null, role: 'director' };
  let published: { id: number; path: string };
  let older: { id: number; path: string };
  let embargoed: { id: number; path: string };
  let approvedOnly: { id: number; path: string };
  let draftOnly: { id: number; path: string };
  let photoId: number;
  let audioId: number;

  const make = async (title: string, steps: ('submit' | 'approve' | 'publish')[], extra: Record<string, unknown> = {}, media: number[] = []) => {
    const r = await releases.create({ title, place: 'Tampacán, S.L.P.', releaseDate: '2026-03-14', body: `Cuerpo de **${title}**.`, ...extra } as never, press);
    if (media.length) await releases.setMedia(r.id, media.map((assetId) => ({ assetId, caption: `Pie de ${assetId}` })), press);
    for (const s of steps) await releases.act(r.id, { action: s }, s === 'approve' ? director : press);
    return { id: r.id, path: releases.newsroomPath(r) };
  };

  beforeAll(async () => {
    t = await createTestApp();
    releases = t.app.get(PressReleasesService);
    const bank = t.app.get(MediaBankService);
    const dep = await t.app.get(DepartmentsService).create({ name: 'Obras Públicas', active: true }, SYSTEM_ACTOR);
    const p = await bank.ingestBuffer(await plainJpeg('#993366', 1200, 800), 'puente.jpg', { title: 'Puente nuevo', credit: 'Ana Cruz', rights: 'free' } as never, SYSTEM_ACTOR);
    const a = await bank.ingestBuffer(wavSecond(1), 'declaracion.wav', { title: 'Declaración de la Presidenta', rights: 'free' } as never, SYSTEM_ACTOR);
    if (!p.ok || !a.ok) throw new Error('upload');
    photoId = p.asset.id;
    audioId = a.asset.id;
    older = await make('Arranca la campaña de vacunación', ['submit', 'approve', 'publish']);
    t.clock.travel(60_000);
    published = await make('Inauguran el puente de la comunidad El Aguacate', ['submit', 'approve', 'publish'], { departmentId: dep.id, subtitle: 'Una obra esperada por 20 años' }, [photoId, audioId]);
    const at = new Date(t.clock.now().getTime() + 24 * 3600_000);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at).replace(' ', 'T');
    embargoed = await make('Resultados del informe de gobierno', ['submit', 'approve', 'publish'], { embargoUntil: local }, [photoId]);
    approvedOnly = await make('Aprobado pero no publicado', ['submit', 'approve'], {}, [photoId]);
    draftOnly = await make('Borrador secreto', [], {}, [photoId]);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists published releases, newest first, with search (accents ignored), department and date filters', async () => {
    const res = await t.agent().get('/sala-de-prensa');
    expect(res.status).toBe(200);
    expect(res.text).toContain('Inauguran el puente');
    expect(res.text).toContain('Arranca la campaña');
    expect(res.text.indexOf('Inauguran el puente')).toBeLessThan(res.text.indexOf('Arranca la campaña'));
    for (const hidden of ['Resultados del informe', 'Aprobado pero no publicado', 'Borrador secreto']) expect(res.text).not.toContain(hidden);
    expect(res.text).toContain('type="application/rss+xml"');
    const q = await t.agent().get('/sala-de-prensa?q=campana+VACUNACION');
    expect(q.text).toContain('Arranca la campaña');
    expect(q.text).not.toContain('Inauguran el puente');
    const dep = (await t.dataSource.query(`SELECT id FROM departments WHERE name = 'Obras Públicas'`))[0].id;
    const byDep = await t.agent().get(`/sala-de-prensa?dependencia=${dep}`);
    expect(byDep.text).toContain('Inauguran el puente');
    expect(byDep.text).not.toContain('Arranca la campaña');
    expect((await t.agent().get('/sala-de-prensa?desde=2026-03-15')).text).toContain('No hay comunicados publicados');
  });

  it('shows a release with its photos (high resolution download), audio player and sharing tags', async () => {
    const res = await t.agent().get(published.path);
    expect(res.status).toBe(200);
    expect(res.text).toContain('<h1 class="release-title">Inauguran el puente de la comunidad El Aguacate</h1>');
    expect(res.text).toContain('<meta property="og:title" content="Inauguran el puente de la comunidad El Aguacate">');
    expect(res.text).toContain('<meta property="og:description" content="Una obra esperada por 20 años">');
    expect(res.text).toMatch(new RegExp(`<meta property="og:image" content="http://localhost:3000/sala-de-prensa/${published.id}/fotos/${photoId}/web">`));
    expect(res.text).toContain('<meta name="twitter:card" content="summary_large_image">');
    expect(res.text).toContain(`<audio controls preload="none" src="/sala-de-prensa/${published.id}/audio/${audioId}">`);
    const web = await t.agent().get(`/sala-de-prensa/${published.id}/fotos/${photoId}/web`);
    expect(web.status).toBe(200);
    expect(web.headers['content-type']).toBe('image/jpeg');
    const high = await t.agent().get(`/sala-de-prensa/${published.id}/fotos/${photoId}/original?descargar=1`);
    expect(high.status).toBe(200);
    expect(high.headers['content-disposition']).toMatch(/^attachment; filename="puente.jpg"/);
    const audio = await t.agent().get(`/sala-de-prensa/${published.id}/audio/${audioId}`).set('Range', 'bytes=0-99');
    expect(audio.status).toBe(206);
    expect((await t.agent().get(`/sala-de-prensa/${published.id}-otro-titulo`)).status).toBe(301);
  });

  it('answers 404 for embargoed, unapproved or unpublished releases, even by exact address, and for their files', async () => {
    for (const r of [embargoed, approvedOnly, draftOnly]) {
      const res = await t.agent().get(r.path);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain('Resultados del informe');
      expect((await t.agent().get(`/sala-de-prensa/${r.id}`)).status).toBe(404);
      expect((await t.agent().get(`/sala-de-prensa/${r.id}/fotos/${photoId}/web`)).status).toBe(404);
    }
    expect((await t.agent().get(`/sala-de-prensa/${published.id}/fotos/${photoId + 999}/web`)).status).toBe(404);
    expect((await t.agent().get('/sala-de-prensa/99999-no-existe')).status).toBe(404);
    expect((await t.agent().get(`/sala-de-prensa/${published.id}/fotos/${photoId}/nada`)).status).toBe(404);
  });

  it('lets the email\'s signed photo links work once approved, never for a draft nor with a wrong key', async () => {
    const key = releases.photoKey(approvedOnly.id, photoId);
    expect((await t.agent().get(`/sala-de-prensa/${approvedOnly.id}/fotos/${photoId}/web?k=${key}`)).status).toBe(200);
    expect((await t.agent().get(`/sala-de-prensa/${approvedOnly.id}/fotos/${photoId}/web?k=${'x'.repeat(24)}`)).status).toBe(404);
    expect((await t.agent().get(`/sala-de-prensa/${draftOnly.id}/fotos/${photoId}/web?k=${releases.photoKey(draftOnly.id, photoId)}`)).status).toBe(404);
    expect((await t.agent().get(`/sala-de-prensa/${embargoed.id}/fotos/${photoId}/web?k=${releases.photoKey(embargoed.id, photoId)}`)).status).toBe(404);
  });

  it('publishes RSS and Atom feeds that parse, without embargoed releases until the embargo passes', async () => {
    const parser = new Parser();
    const rss = await t.agent().get('/sala-de-prensa/feed.xml');
    expect(rss.status).toBe(200);
    expect(rss.headers['content-type']).toMatch(/application\/rss\+xml/);
    const feed = await parser.parseString(rss.text);
    expect(feed.items.map((i) => i.title)).toEqual([expect.stringContaining('Inauguran el puente'), expect.stringContaining('Arranca la campaña')]);
    expect(feed.items[0].link).toBe(`http://localhost:3000${published.path}`);
    expect(feed.items[0].title).toMatch(/^Boletín \d{3}\/\d{4}: /);
    // The photo as an enclosure a reader accepts: a real MIME type and the file's length in bytes.
    const enclosure = /<enclosure ([^>]*)\/>/.exec(rss.text)![1];
    const url = /url="([^"]+)"/.exec(enclosure)![1];
    expect(enclosure).toContain('type="image/jpeg"');
    const bytes = await t.agent().get(new URL(url.replace(/&amp;/g, '&')).pathname).buffer(true).parse((r, cb) => { const c: Buffer[] = []; r.on('data', (d: Buffer) => c.push(d)); r.on('end', () => cb(null, Buffer.concat(c))); });
    expect(bytes.status).toBe(200);
    expect(Number(/length="(\d+)"/.exec(enclosure)![1])).toBe((bytes.body as Buffer).length);
    const atomText = (await t.agent().get('/sala-de-prensa/feed.atom')).text;
    // RFC 4287: a feed needs an author (at feed level, or in every entry).
    expect(atomText).toMatch(/<feed[\s\S]*<author>\s*<name>[^<]*Tampac[^<]*<\/name>/);
    const atom = await parser.parseString(atomText);
    expect(atom.items).toHaveLength(2);
    expect(JSON.stringify(atom.items)).not.toContain('Resultados del informe');

    t.clock.travel(25 * 3600_000);
    try {
      const later = await parser.parseString((await t.agent().get('/sala-de-prensa/feed.xml')).text);
      expect(later.items[0].title).toContain('Resultados del informe');
      expect((await t.agent().get(embargoed.path)).status).toBe(200);
    } finally {
      t.clock.travel(-25 * 3600_000);
    }
  });

  it('lists the public pages and releases in the sitemap', async () => {
    const res = await t.agent().get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(res.text).toContain(`<loc>http://localhost:3000${published.path}</loc>`);
    expect(res.text).toContain(`<loc>http://localhost:3000${older.path}</loc>`);
    expect(res.text).not.toContain(embargoed.path);
    expect(res.text).not.toContain(draftOnly.path);
  });
});
