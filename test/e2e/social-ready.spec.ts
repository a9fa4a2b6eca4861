import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MediaBankService } from '../../src/media-bank/media-bank.service';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';
import { plainJpeg } from '../support/media';

describe('social page without a token: "listo para publicar", marked by hand', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ FACEBOOK_PAGE_ID: '', FACEBOOK_PAGE_TOKEN: '' });
  });
  afterAll(async () => {
    await t?.close();
    for (const k of ['FACEBOOK_PAGE_ID', 'FACEBOOK_PAGE_TOKEN']) delete process.env[k];
  });

  it('keeps the post ready with its text to copy and photos to download, then records the link', async () => {
    const bank = t.app.get(MediaBankService);
    const r = await bank.ingestBuffer(await plainJpeg('#446688'), 'kiosco.jpg', { title: 'Kiosco', rights: 'free' } as never, SYSTEM_ACTOR);
    if (!r.ok) throw new Error('upload');
    const u = await t.factories.user('press');
    const press = t.agent();
    await login(press, u.email, u.password);
    const list = await press.get('/redes');
    expect(list.status).toBe(200);
    expect(list.text).toContain('no tiene token configurado');
    const res = await submitForm(press, '/redes/nueva', '/redes', { intent: 'publish', text: 'Concierto en el kiosco este sábado', assetIds: [String(r.asset.id)] });
    expect(res.status).toBe(303);
    const id = Number(res.headers.location.split('/').pop());
    const page = await press.get(`/redes/${id}`);
    expect(page.text).toContain('Lista para publicar');
    expect(page.text).toMatch(/<textarea id="post-text" readonly rows="8">Concierto en el kiosco este sábado/);
    expect(page.text).toContain(`/banco/${r.asset.id}/original?descargar=1`);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'facebook'`))[0].n).toBe(0);
    const bad = await press.post(`/redes/${id}/publicado`).type('form').send({ _csrf: csrfFrom(page.text), url: 'no es un enlace' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Pega el enlace completo');
    const ok = await press.post(`/redes/${id}/publicado`).type('form').send({ _csrf: csrfFrom(page.text), url: 'https://www.facebook.com/AyuntamientoTampacan/posts/123' });
    expect(ok.status).toBe(303);
    const [p] = await t.dataSource.query('SELECT status, external_url FROM social_posts WHERE id = $1', [id]);
    expect(p).toEqual({ status: 'published', external_url: 'https://www.facebook.com/AyuntamientoTampacan/posts/123' });
  });
});
