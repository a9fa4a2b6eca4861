import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MediaBankService } from '../../src/media-bank/media-bank.service';
import { instantToZoned } from '../../src/media-bank/local-time';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { PressReleasesService } from '../../src/press-releases/press-releases.service';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';
import { FakeGraphApi } from '../support/graph-api';
import { plainJpeg } from '../support/media';

describe('social page: posts published through the outbox to the Graph API (local server on loopback)', () => {
  const graph = new FakeGraphApi('1234567890');
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  const photos: number[] = [];
  const post = async (id: number) => (await t.dataSource.query('SELECT * FROM social_posts WHERE id = $1', [id]))[0];
  const outboxOf = async (id: number) => (await t.dataSource.query(`SELECT * FROM outbox WHERE reference = $1`, [`social:${id}`]))[0];
  const compose = async (fields: Record<string, string | string[]>) => {
    const res = await submitForm(press, '/redes/nueva', '/redes', { intent: 'publish', ...fields });
    expect(res.status).toBe(303);
    return Number(res.headers.location.split('/').pop());
  };
  /** The outbox waits before retrying; tests make the retry due now instead of waiting minutes. */
  const makeDue = (id: number) => t.dataSource.query(`UPDATE outbox SET next_attempt_at = now() WHERE reference = $1`, [`social:${id}`]);

  beforeAll(async () => {
    await graph.start();
    t = await createTestApp({ FACEBOOK_PAGE_ID: graph.pageId, FACEBOOK_PAGE_TOKEN: 'EAAtokendepruebaparalapagina', FACEBOOK_GRAPH_URL: graph.url, OUTBOUND_ALLOW_HOSTS: new URL(graph.url).host });
    const bank = t.app.get(MediaBankService);
    for (const c of ['#335577', '#775533']) {
      const r = await bank.ingestBuffer(await plainJpeg(c), 'plaza.jpg', { title: 'Plaza principal', rights: 'free' } as never, SYSTEM_ACTOR);
      if (!r.ok) throw new Error('upload');
      photos.push(r.asset.id);
    }
    const u = await t.factories.user('press');
    press = t.agent();
    await login(press, u.email, u.password);
  });
  afterAll(async () => {
    await t?.close();
    await graph.stop();
    for (const k of ['FACEBOOK_PAGE_ID', 'FACEBOOK_PAGE_TOKEN', 'FACEBOOK_GRAPH_URL', 'OUTBOUND_ALLOW_HOSTS']) delete process.env[k];
  });

  it('publishes text and a link to /{page-id}/feed', async () => {
    const id = await compose({ text: 'Hoy inicia la Feria de la Huasteca. ¡Los esperamos!', link: 'https://tampacan.gob.mx/sala-de-prensa/1-feria' });
    expect((await post(id)).status).toBe('queued');
    await t.app.get(OutboxWorker).drain();
    const req = graph.requests.at(-1)!;
    expect(req.path).toBe('/v19.0/1234567890/feed');
    expect(req.fields).toMatchObject({ message: 'Hoy inicia la Feria de la Huasteca. ¡Los esperamos!', link: 'https://tampacan.gob.mx/sala-de-prensa/1-feria', access_token: 'EAAtokendepruebaparalapagina' });
    const p = await post(id);
    expect(p.status).toBe('published');
    expect(p.external_id).toMatch(/^1234567890_\d+$/);
    expect(p.external_url).toBe(`https://www.facebook.com/${p.external_id}`);
    const page = await press.get(`/redes/${id}`);
    expect(page.text).toContain('Publicada');
    expect(page.text).toContain(p.external_url);
  });

  it('uploads one photo to /{page-id}/photos, and several as unpublished photos attached to one feed post', async () => {
    const before = graph.requests.length;
    const one = await compose({ text: 'Así luce la plaza', assetIds: [String(photos[0])] });
    await t.app.get(OutboxWorker).drain();
    const single = graph.requests.slice(before);
    expect(single).toHaveLength(1);
    expect(single[0].edge).toBe('photos');
    expect(single[0].fields).toMatchObject({ caption: 'Así luce la plaza', published: 'true' });
    expect(single[0].files[0]).toMatchObject({ name: 'source', contentType: 'image/jpeg' });
    expect(single[0].files[0].bytes).toBeGreaterThan(1000);
    expect((await post(one)).status).toBe('published');

    const mark = graph.requests.length;
    const two = await compose({ text: 'Dos vistas de la plaza', assetIds: [String(photos[0]), String(photos[1])] });
    await t.app.get(OutboxWorker).drain();
    const multi = graph.requests.slice(mark);
    expect(multi.map((r) => [r.edge, r.fields.published ?? null])).toEqual([['photos', 'false'], ['photos', 'false'], ['feed', null]]);
    expect(JSON.parse(multi[2].fields['attached_media[0]'])).toHaveProperty('media_fbid');
    expect(JSON.parse(multi[2].fields['attached_media[1]'])).toHaveProperty('media_fbid');
    expect((await post(two)).status).toBe('published');
  });

  it('reports an expired token (code 190) as a permanent failure, without retrying, and can be retried by hand later', async () => {
    graph.reply(FakeGraphApi.expiredToken().status, FakeGraphApi.expiredToken().body);
    const id = await compose({ text: 'Aviso: corte de agua programado en la colonia Centro' });
    await t.app.get(OutboxWorker).drain();
    const p = await post(id);
    expect(p.status).toBe('failed');
    expect(p.last_error).toContain('El token de la página venció');
    expect(p.last_error).toContain('190');
    const entry = await outboxOf(id);
    expect(entry.status).toBe('failed');
    expect(entry.attempts).toBe(1);
    const page = await press.get(`/redes/${id}`);
    expect(page.text).toContain('El token de la página venció');
    expect(page.text).toContain('Reintentar');
    const retried = await press.post(`/redes/${id}/publicar`).type('form').send({ _csrf: csrfFrom(page.text) });
    expect(retried.status).toBe(303);
    await t.app.get(OutboxWorker).drain();
    expect((await post(id)).status).toBe('published');
  });

  it('retries a rate limit (code 32) and then succeeds; nothing is lost', async () => {
    graph.reply(FakeGraphApi.rateLimited().status, FakeGraphApi.rateLimited().body);
    const id = await compose({ text: 'Jornada de vacunación en el DIF' });
    await t.app.get(OutboxWorker).drain();
    let p = await post(id);
    expect(p.status).toBe('queued');
    expect(p.last_error).toContain('limitó');
    const entry = await outboxOf(id);
    expect(entry.status).toBe('pending');
    expect(new Date(entry.next_attempt_at).getTime()).toBeGreaterThan(Date.now());
    await makeDue(id);
    await t.app.get(OutboxWorker).drain();
    p = await post(id);
    expect(p.status).toBe('published');
    expect(p.last_error).toBeNull();
    const tries = await t.dataSource.query(`SELECT ok FROM outbox_attempts WHERE outbox_id = $1 ORDER BY id`, [entry.id]);
    expect(tries.map((x: { ok: boolean }) => x.ok)).toEqual([false, true]);
  });

  it('schedules a post for later and shows it on the calendar', async () => {
    const at = new Date(Date.now() + 3 * 86400_000);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at).replace(' ', 'T');
    const id = await compose({ text: 'Mañana: desfile del 20 de noviembre', scheduledAt: local });
    expect((await post(id)).status).toBe('scheduled');
    const before = graph.requests.length;
    await t.app.get(OutboxWorker).drain();
    expect(graph.requests.length).toBe(before);
    expect(new Date((await outboxOf(id)).next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 2 * 86400_000);
    const cal = await press.get(`/redes/calendario?mes=${local.slice(0, 7)}`);
    expect(cal.status).toBe(200);
    expect(cal.text).toContain('Mañana: desfile del 20 de noviembre');
    expect(cal.text).toContain('Programada');
    const past = await submitForm(press, '/redes/nueva', '/redes', { intent: 'publish', text: 'x', scheduledAt: '2020-01-01T10:00' });
    expect(past.status).toBe(422);
    expect(past.text).toContain('Esa fecha ya pasó.');
  });

  it('never posts an embargoed release before its embargo lifts, nor one the newsroom does not show', async () => {
    const releases = t.app.get(PressReleasesService);
    const asPress = { userId: null, label: 'prensa', ip: null, role: 'press' };
    const asDirector = { userId: null, label: 'directora', ip: null, role: 'director' };
    const lifts = new Date(Math.ceil((Date.now() + 26 * 3600_000) / 60_000) * 60_000);
    const r = await releases.create({ title: 'Embargado hasta mañana', place: 'Tampacán, S.L.P.', releaseDate: '2026-03-14', body: 'Texto.', embargoUntil: instantToZoned(lifts, 'America/Mexico_City') } as never, asPress);
    await releases.act(r.id, { action: 'submit' } as never, asPress);
    await releases.act(r.id, { action: 'approve' } as never, asDirector);
    // Approved, not yet in the newsroom: its link would answer 404, so no post.
    const early = await submitForm(press, `/redes/nueva?comunicado=${r.id}`, '/redes', { intent: 'publish', text: 'Embargado hasta mañana', link: releases.absolute(releases.newsroomPath(r)), releaseId: String(r.id) });
    expect(early.status).toBe(422);
    expect(early.text).toContain('todavía no está en la sala de prensa');
    await releases.act(r.id, { action: 'publish' } as never, asPress);
    expect((await press.get(releases.newsroomPath(r))).status).toBe(404);

    const before = graph.requests.length;
    const id = await compose({ text: 'Embargado hasta mañana', link: releases.absolute(releases.newsroomPath(r)), releaseId: String(r.id) });
    const p = await post(id);
    expect(p.status).toBe('scheduled');
    expect(new Date(p.scheduled_at).getTime()).toBe(lifts.getTime());
    expect(new Date((await outboxOf(id)).next_attempt_at).getTime()).toBe(lifts.getTime());
    await t.app.get(OutboxWorker).drain();
    expect(graph.requests.length).toBe(before);
    // Even if the outbox is made due early, the post waits for the embargo.
    await makeDue(id);
    await t.app.get(OutboxWorker).drain();
    expect(graph.requests.length).toBe(before);
    expect((await post(id)).status).toBe('scheduled');
  });
});
