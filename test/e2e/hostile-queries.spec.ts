import { createTestApp, login, TestApp } from '../support/app';
import { fileRequest, receiptCode, seedCategory } from '../support/cases';

/** Query strings and caches: what the audit found (500s on bad cursors and NUL bytes, pages kept by caches). */
describe('hostile query strings and cached pages', () => {
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let attention: ReturnType<TestApp['agent']>;

  beforeAll(async () => {
    t = await createTestApp();
    press = t.agent();
    const p = await t.factories.user('press');
    await login(press, p.email, p.password);
    attention = t.agent();
    const a = await t.factories.user('attention');
    await login(attention, a.email, a.password);
  });
  afterAll(() => t?.close());

  it('/casos refuses a bad page cursor or date like any other parameter: never a 500', async () => {
    for (const q of [
      'despues=not-a-date|1', 'despues=2026-02-31 10:00:00%2B00|1', 'despues=2026-01-01|99999999999999', 'orden=plazo&despues=mañana|1',
      'orden=plazo&despues=2026-13-01|1', 'orden=prioridad&despues=alta|x|1', 'orden=prioridad&despues=99999|2026-01-01|1',
      'orden=relevancia&q=agua&despues=1e999|1', 'desde=2026-13-45', 'hasta=2026-02-30', 'despues=%00|1',
    ]) {
      const res = await attention.get(`/casos?${q}`);
      expect({ q, status: res.status }).toEqual({ q, status: 200 });
    }
  });

  it('a NUL byte in a query string is removed, never a 500', async () => {
    for (const path of ['/sala-de-prensa?q=abc%00', '/banco?q=abc%00', '/comunicados?q=abc%00', '/casos?q=agua%00', '/correo?estado=todos%00']) {
      const res = await (path.startsWith('/sala') ? t.agent() : path.startsWith('/casos') ? attention : press).get(path);
      expect({ path, status: res.status }).toEqual({ path, status: 200 });
    }
    // The value reaches the handler without its NUL: the search box shows "abc".
    expect((await press.get('/banco?q=abc%00')).text).toContain('value="abc"');
  });

  it('the receipt, the tracking page and every staff page say Cache-Control: no-store', async () => {
    const { category } = await seedCategory(t);
    const citizen = t.agent();
    const filed = await fileRequest(citizen, { type: 'report', categoryId: String(category.id), locality: 'Tancuilín', description: 'Bache profundo en la calle Reforma.' });
    const receipt = await citizen.get(filed.headers.location);
    expect(receipt.status).toBe(200);
    expect(receipt.headers['cache-control']).toBe('no-store');
    const folio = filed.headers.location.split('/').pop()!;
    const tracking = await citizen.get('/seguimiento');
    expect(tracking.headers['cache-control']).toBe('no-store');
    const followed = await citizen.post('/seguimiento').type('form').send({ folio, code: receiptCode(receipt.text), _csrf: /name="_csrf" value="([^"]+)"/.exec(tracking.text)![1] });
    const page = await citizen.get(followed.headers.location);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    for (const path of [`/casos/${folio}`, '/casos', '/panel', '/correo/saliente']) {
      const res = await attention.get(path);
      expect({ path, status: res.status, cache: res.headers['cache-control'] }).toEqual({ path, status: 200, cache: 'no-store' });
    }
    for (const path of ['/banco', '/comunicados', '/agenda']) expect((await press.get(path)).headers['cache-control']).toBe('no-store');
    // The public newsroom may still be cached.
    expect((await t.agent().get('/sala-de-prensa')).headers['cache-control'] ?? '').not.toContain('no-store');
  });
});
