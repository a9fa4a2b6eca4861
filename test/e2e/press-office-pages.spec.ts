import { DEMO_USERS, DemoService } from '../../src/demo/demo.service';
import { createTestApp, login, TestApp } from '../support/app';

/** The demo data of the press office, and every page of its modules drawn once, in Spanish and English. */
describe('press office: demo data and every page', () => {
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let director: ReturnType<TestApp['agent']>;

  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoService).seed();
    const p = DEMO_USERS.find((u) => u.role === 'press')!;
    const d = DEMO_USERS.find((u) => u.role === 'director')!;
    press = t.agent();
    director = t.agent();
    await login(press, p.email, p.password);
    await login(director, d.email, d.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeds a plausible press office: 12 bank photos with derivatives, releases in every state, posts', async () => {
    const q = async (sql: string) => (await t.dataSource.query(sql)) as Record<string, unknown>[];
    expect((await q(`SELECT count(*)::int AS n FROM media_assets WHERE kind = 'photo' AND web_key IS NOT NULL AND thumb_key IS NOT NULL`))[0].n).toBe(12);
    const states = await q(`SELECT status, count(*)::int AS n FROM press_releases GROUP BY status ORDER BY status`);
    expect(Object.fromEntries(states.map((s) => [s.status, s.n]))).toEqual({ approved: 1, draft: 1, published: 2, review: 1 });
    expect((await q(`SELECT count(*)::int AS n FROM social_posts`))[0].n).toBe(2);
    const news = await t.agent().get('/sala-de-prensa');
    expect(news.text).toContain('Arranca la pavimentación de la calle Hidalgo');
    expect(news.text).toContain('DIF Municipal aplica más de 400 vacunas');
    expect(news.text).not.toContain('Entregan uniformes escolares');
    // Releases linked to the agenda's events ticked their route: "redactar comunicado", "enviar".
    const ticked = await q(`SELECT s.step FROM agenda_route_steps s JOIN agenda_events e ON e.id = s.event_id WHERE e.title LIKE 'Arranque de obra%' ORDER BY s.step`);
    expect(ticked.map((r) => r.step)).toEqual(expect.arrayContaining(['draft_release', 'send_release']));
  });

  it('draws every page for press and director, in both languages, without a missing translation', async () => {
    const [{ id: assetId }] = (await t.dataSource.query(`SELECT id FROM media_assets ORDER BY id LIMIT 1`)) as { id: number }[];
    const [{ event_id: eventId }] = (await t.dataSource.query(`SELECT event_id FROM media_assets WHERE event_id IS NOT NULL LIMIT 1`)) as { event_id: number }[];
    const [{ id: collectionId }] = (await t.dataSource.query(`SELECT id FROM media_collections LIMIT 1`)) as { id: number }[];
    const releases = (await t.dataSource.query(`SELECT id, status FROM press_releases ORDER BY id`)) as { id: number; status: string }[];
    const posts = (await t.dataSource.query(`SELECT id FROM social_posts ORDER BY id`)) as { id: number }[];
    const published = releases.find((r) => r.status === 'published')!;
    const pressPages = [
      '/banco', '/banco?q=plaza&tipo=photo', '/banco/subir', `/banco/${assetId}`, '/banco/colecciones', `/banco/colecciones/${collectionId}`, `/banco/eventos/${eventId}`,
      '/comunicados', '/comunicados?estado=published', '/comunicados/nuevo', '/comunicados/formato',
      ...releases.flatMap((r) => [`/comunicados/${r.id}`, `/comunicados/${r.id}/medios`, `/comunicados/${r.id}/versiones`, `/comunicados/${r.id}/correo`, `/comunicados/${r.id}/envio`]),
      `/comunicados/${releases.find((r) => r.status === 'draft')!.id}/editar`,
      '/redes', '/redes/nueva', `/redes/nueva?comunicado=${published.id}`, ...posts.map((p) => `/redes/${p.id}`), '/redes/calendario',
    ];
    const publicPages = ['/sala-de-prensa', '/sala-de-prensa?q=vacunas'];
    const newsroom = await t.agent().get('/sala-de-prensa');
    publicPages.push(...[...newsroom.text.matchAll(/href="(\/sala-de-prensa\/\d+-[a-z0-9-]+)"/g)].map((m) => m[1]));
    for (const lang of ['es', 'en']) {
      for (const [agent, pages] of [[press, pressPages], [t.agent(), publicPages]] as const) {
        for (const page of pages) {
          const res = await agent.get(`${page}${page.includes('?') ? '&' : '?'}lang=${lang}`);
          expect([page, res.status]).toEqual([page, 200]);
          expect([page, /\b(bank|releases|newsroom|social|distribution)\.[a-z_]+(\.[a-z_]+)*\b/.exec(res.text.replace(/<script[\s\S]*?<\/script>/g, ''))?.[0] ?? null]).toEqual([page, null]);
        }
      }
    }
    for (const r of releases) expect((await director.get(`/comunicados/${r.id}`)).status).toBe(200);
    expect((await director.get('/comunicados/formato')).status).toBe(200);
    expect((await director.get('/redes')).status).toBe(403);
    const pdf = await press.get(`/comunicados/${published.id}/pdf`);
    expect(pdf.status).toBe(200);
    for (const p of ['/sala-de-prensa/feed.xml', '/sala-de-prensa/feed.atom', '/sitemap.xml']) expect((await t.agent().get(p)).status).toBe(200);
  });
});
