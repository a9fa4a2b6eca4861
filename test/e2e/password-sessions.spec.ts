import { createTestApp, csrfFrom, login, TestApp } from '../support/app';

/**
 * Issue 15 M4: a password change ends every other session of that person (a thief who
 * signed in with the old password is out), and an administrator's reset ends all of them.
 */
describe('sessions end when a password changes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t?.close());

  it('changing one’s own password keeps this browser in and throws every other session out', async () => {
    const u = await t.factories.user('attention');
    const mine = t.agent();
    const thief = t.agent();
    const phone = t.agent();
    await login(mine, u.email, u.password);
    await login(thief, u.email, u.password);
    await login(phone, u.email, u.password);
    expect((await thief.get('/panel')).status).toBe(200);

    const form = await mine.get('/cuenta/contrasena');
    const changed = await mine.post('/cuenta/contrasena').type('form').send({ _csrf: csrfFrom(form.text), current: u.password, password: 'Nueva-Clave-2027', confirm: 'Nueva-Clave-2027' });
    expect(changed.status).toBe(303);

    expect((await mine.get('/panel')).status).toBe(200);
    for (const other of [thief, phone]) {
      const res = await other.get('/panel');
      expect(res.status).toBe(303);
      expect(res.headers.location).toMatch(/^\/login/);
    }
  });

  it('an administrator’s reset ends every session of that person, and the next sign-in must change it', async () => {
    const admin = await t.factories.user('admin');
    const u = await t.factories.user('press');
    const a = t.agent();
    const b = t.agent();
    await login(a, u.email, u.password);
    await login(b, u.email, u.password);
    const boss = t.agent();
    await login(boss, admin.email, admin.password);

    const page = await boss.get(`/admin/usuarios/${u.id}`);
    const reset = await boss.post(`/admin/usuarios/${u.id}/contrasena`).type('form').send({ _csrf: csrfFrom(page.text), password: 'Temporal-Clave-2027' });
    expect(reset.status).toBe(303);
    for (const s of [a, b]) expect((await s.get('/panel')).headers.location).toMatch(/^\/login/);
    expect((await boss.get('/panel')).status).toBe(200);

    const again = t.agent();
    const res = await login(again, u.email, 'Temporal-Clave-2027');
    expect(res.headers.location).toBe('/cuenta/contrasena');
    expect((await again.get('/comunicados')).headers.location).toBe('/cuenta/contrasena');
  });
});
