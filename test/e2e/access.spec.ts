import { ROLES, Role } from '../../src/auth/roles';
import { createTestApp, login, TestApp } from '../support/app';
import { listRoutes, RouteInfo } from '../support/routes';

/**
 * The authorization matrix: every route × every role (and no login), generated from the
 * routes' own metadata. A route that does not say who may reach it fails here.
 */
describe('who reaches what', () => {
  let t: TestApp;
  let routes: RouteInfo[];
  const agents = new Map<Role, ReturnType<TestApp['agent']>>();

  beforeAll(async () => {
    t = await createTestApp();
    routes = listRoutes(t.app);
    for (const role of ROLES) {
      const u = await t.factories.user(role);
      const agent = t.agent();
      await login(agent, u.email, u.password);
      agents.set(role, agent);
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds the routes, and every one of them says who may reach it', () => {
    expect(routes.length).toBeGreaterThan(20);
    const undecided = routes.filter((r) => !r.public && !r.roles).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(undecided).toEqual([]);
  });

  it('answers each staff page with 200 for its roles, 403 for the others and the login page for nobody', async () => {
    const pages = routes.filter((r) => r.method === 'GET' && !r.public && !r.path.includes(':'));
    expect(pages.length).toBeGreaterThan(5);
    const mismatches: string[] = [];
    for (const r of pages) {
      const anon = await t.agent().get(r.path);
      if (anon.status !== 303 || !String(anon.headers.location).startsWith('/login')) mismatches.push(`anónimo ${r.path}: ${anon.status}`);
      for (const role of ROLES) {
        const res = await agents.get(role)!.get(r.path);
        const allowed = r.roles!.includes(role);
        // An allowed role may be sent on to its own view of the module (a liaison's /agenda is their proposals).
        const ok = allowed ? res.status === 200 || (res.status === 303 && !String(res.headers.location).startsWith('/login')) : res.status === 403;
        if (!ok) mismatches.push(`${role} ${r.path}: ${res.status}, se esperaba ${allowed ? 200 : 403}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('answers every public page without a login', async () => {
    const pages = routes.filter((r) => r.method === 'GET' && r.public && !r.path.includes(':') && !r.path.startsWith('/api'));
    for (const r of pages) {
      const res = await t.agent().get(r.path);
      expect([200, 303]).toContain(res.status);
    }
  });

  it('refuses a POST to a staff route from someone without the role, even with a valid form token', async () => {
    const press = agents.get('press')!;
    const page = await press.get('/panel');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const res = await press.post('/admin/dependencias').type('form').send({ _csrf: token, name: 'Intrusa', active: 'on' });
    expect(res.status).toBe(403);
    const rows = await t.dataSource.query(`SELECT 1 FROM departments WHERE name = 'Intrusa'`);
    expect(rows).toHaveLength(0);
  });
});
