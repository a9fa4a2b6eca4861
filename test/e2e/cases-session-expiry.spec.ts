import { CasesService } from '../../src/cases/cases.service';
import { createTestApp, csrfFrom, TestApp } from '../support/app';
import { seedCategory } from '../support/cases';

/**
 * Issue 16 item 15: a reply sent after the session expired went to the login, then to a 404
 * (GET /casos/…/responder), and the typed text was gone. Now the text is kept for the browser,
 * the login leads back to the case, and the reply box holds the text, not yet sent.
 */
describe('an expired session keeps the reply being written', () => {
  let t: TestApp;
  let folio: string;
  let user: Awaited<ReturnType<TestApp['factories']['user']>>;

  beforeAll(async () => {
    t = await createTestApp();
    const { category } = await seedCategory(t, { name: 'Bacheo' });
    const cases = t.app.get(CasesService);
    folio = (await cases.file({ type: 'complaint', categoryId: category.id, description: 'Bache en Hidalgo', locality: 'Chuchupe', consent: true, channel: 'web', privacyVersion: '2026-01' }, [], cases.citizenActor('127.0.0.1'))).folio;
    user = await t.factories.user('attention');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lands back on the case after signing in again, with the reply text restored and nothing sent', async () => {
    const agent = t.agent();
    const loginPage = await agent.get('/login');
    expect((await agent.post('/login').type('form').send({ email: user.email, password: user.password, _csrf: csrfFrom(loginPage.text) })).status).toBe(303);
    const page = await agent.get(`/casos/${folio}`);
    expect(page.status).toBe(200);
    const reply = 'Buen día. La cuadrilla de bacheo irá el jueves 3 a la calle Hidalgo; le avisaremos al terminar.';

    // The session ends while the reply is being typed (idle timeout, a restart of the store...).
    await t.dataSource.query(`DELETE FROM session`);
    const sent = await agent.post(`/casos/${folio}/responder`).set('Referer', `http://127.0.0.1/casos/${folio}`).type('form')
      .send({ body: reply, version: /name="version" value="(\d+)"/.exec(page.text)![1], _csrf: csrfFrom(page.text) });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/login?next=${encodeURIComponent(`/casos/${folio}`)}`);

    const again = await agent.get(sent.headers.location);
    expect(again.text).toContain(`name="next" value="/casos/${folio}"`);
    const signedIn = await agent.post('/login').type('form').send({ email: user.email, password: user.password, next: `/casos/${folio}`, _csrf: csrfFrom(again.text) });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.location).toBe(`/casos/${folio}`);

    const back = await agent.get(`/casos/${folio}`);
    expect(back.status).toBe(200);
    expect(back.text).toContain(reply);
    expect(back.text).toMatch(/sesión.*venci/i);
    const replies = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.folio = $1 AND e.kind = 'public_reply'`, [folio]);
    expect(replies[0].n).toBe(0);
    // Taken once: the next visit shows an empty box.
    expect((await agent.get(`/casos/${folio}`)).text).not.toContain(reply);
  });

  it('keeps the text too when the session reached its absolute lifetime (SESSION_MAX_HOURS)', async () => {
    const agent = t.agent();
    const loginPage = await agent.get('/login');
    const signed = await agent.post('/login').type('form').send({ email: user.email, password: user.password, _csrf: csrfFrom(loginPage.text) });
    const sid = decodeURIComponent(/cabildo\.sid=([^;]+)/.exec(String(signed.headers['set-cookie']))![1]).replace(/^s:/, '').split('.')[0];
    const page = await agent.get(`/casos/${folio}`);
    await t.dataSource.query(`UPDATE session SET sess = (sess::jsonb || jsonb_build_object('startedAt', $2::bigint))::json WHERE sid = $1`, [sid, Date.now() - 13 * 3600_000]);
    const reply = 'Le confirmamos que el bache quedó en la lista del jueves.';
    const sent = await agent.post(`/casos/${folio}/responder`).set('Referer', `http://127.0.0.1/casos/${folio}`).type('form')
      .send({ body: reply, version: /name="version" value="(\d+)"/.exec(page.text)![1], _csrf: csrfFrom(page.text) });
    expect(sent.status).toBe(303);
    expect(sent.headers.location).toBe(`/login?next=${encodeURIComponent(`/casos/${folio}`)}`);
    const again = await agent.get(sent.headers.location);
    await agent.post('/login').type('form').send({ email: user.email, password: user.password, next: `/casos/${folio}`, _csrf: csrfFrom(again.text) });
    expect((await agent.get(`/casos/${folio}`)).text).toContain(reply);
  });
});
