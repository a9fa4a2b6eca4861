import { createTestApp, login, TestApp } from '../support/app';
import { listRoutes } from '../support/routes';

/**
 * Dates typed into an address: the 30th of February, month 13, "2026-99-99". No page answers
 * 500; a filter says beside itself that the date does not exist, and the rest of the page works.
 */
describe('impossible dates in the press pages\' filters', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  const DATE_PARAMS = ['desde', 'hasta', 'dia', 'mes', 'anio', 'trimestre', 'fecha'];
  const BAD = ['2026-02-30', '2026-13-01', '2026-99-99', '2026-00-10', '2026-13', '0000-00-00', '99999-01-01', '2026-02-29'];

  it('answers no 500 on any page of the press office, the director or the public', async () => {
    const failures: string[] = [];
    let tried = 0;
    const routes = listRoutes(t.app).filter((r) => r.method === 'GET' && !r.path.includes(':') && !r.path.startsWith('/api') && !r.path.startsWith('/open311'));
    for (const role of ['press', 'director', null] as const) {
      const agent = t.agent();
      if (role) {
        const u = await t.factories.user(role);
        await login(agent, u.email, u.password);
      }
      for (const r of routes.filter((x) => x.public || (role && x.roles?.includes(role)))) {
        for (const p of DATE_PARAMS)
          for (const v of BAD) {
            const res = await agent.get(`${r.path}?${p}=${encodeURIComponent(v)}`);
            tried++;
            if (res.status >= 500) failures.push(`${role ?? 'public'} ${r.path}?${p}=${v}: ${res.status}`);
          }
      }
    }
    expect(tried).toBeGreaterThan(500);
    expect(failures).toEqual([]);
  }, 300_000);

  it('says beside the newsroom\'s and the bank\'s filters that the date does not exist', async () => {
    const pub = await t.agent().get('/sala-de-prensa?desde=2026-02-30&hasta=2026-13-01');
    expect(pub.status).toBeLessThan(500);
    expect(pub.text).toMatch(/id="f-desde-error"[^>]*>[^<]*no existe/);
    expect(pub.text).toMatch(/id="f-hasta-error"[^>]*>[^<]*no existe/);
    expect(pub.text).toContain('value="2026-02-30"'); // what was typed stays, to be corrected
    const u = await t.factories.user('press');
    const press = t.agent();
    await login(press, u.email, u.password);
    const bank = await press.get('/banco?desde=2026-99-99');
    expect(bank.status).toBeLessThan(500);
    expect(bank.text).toMatch(/id="f-desde-error"[^>]*>[^<]*no existe/);
    // A real leap day is a real date.
    const leap = await t.agent().get('/sala-de-prensa?desde=2028-02-29');
    expect(leap.status).toBe(200);
    expect(leap.text).not.toContain('f-desde-error');
  });
});
