import request from 'supertest';
import { SESSION_COOKIE } from '../../src/app.setup';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';

const sessionId = (cookies: string[] | string | undefined) => {
  const list = ([] as string[]).concat(cookies ?? []);
  const c = list.find((x) => x.startsWith(`${SESSION_COOKIE}=`));
  return c ? decodeURIComponent(c.split(';')[0].split('=')[1]).slice(2).split('.')[0] : undefined;
};

describe('signing in and out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ LOGIN_ATTEMPTS_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('signs in with the right password, rotating the session id, and records it', async () => {
    const u = await t.factories.user('attention');
    const agent = t.agent();
    const before = await submitForm(agent, '/login', '/login', { email: u.email, password: 'mala-contraseña-1' });
    expect(before.status).toBe(422);
    // A session already open in this browser (another person's) is replaced, never reused.
    const other = await t.factories.user('press');
    const first = sessionId((await login(agent, other.email, other.password)).headers['set-cookie']);
    const res = await login(agent, u.email, u.password);
    expect(res.headers.location).toBe('/panel');
    const sid = sessionId(res.headers['set-cookie']);
    expect(sid).toBeTruthy();
    expect(first).toBeTruthy();
    expect(sid).not.toBe(first);
    const panel = await agent.get('/panel');
    expect(panel.status).toBe(200);
    expect(panel.text).toContain(u.name);
    const rows = await t.dataSource.query(`SELECT action, actor FROM audit_log WHERE user_id = $1 OR (entity_type = 'user' AND entity_id = $1::text) ORDER BY id`, [u.id]);
    expect(rows.map((r: { action: string }) => r.action)).toEqual(expect.arrayContaining(['user.create', 'login_failed', 'login']));
    const stored = await t.dataSource.query(`SELECT sess FROM session WHERE sid = $1`, [sid]);
    expect(stored).toHaveLength(1);
    expect(stored[0].sess.passport.user).toBe(u.id);
  });

  it('refuses a wrong password with a Spanish message and keeps the email typed', async () => {
    const u = await t.factories.user('press');
    const res = await submitForm(t.agent(), '/login', '/login', { email: u.email, password: 'NoEsLaClave-99' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('El correo o la contraseña no son correctos');
    expect(res.text).toContain(`value="${u.email}"`);
    const failed = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'login_failed' AND user_id = $1`, [u.id]);
    expect(failed[0].details.reason).toBe('bad_password');
  });

  it('refuses a deactivated account', async () => {
    const u = await t.factories.user('press', { active: false });
    const res = await submitForm(t.agent(), '/login', '/login', { email: u.email, password: u.password });
    expect(res.status).toBe(422);
  });

  it('limits login attempts per address and account, with a clear message', async () => {
    const u = await t.factories.user('director');
    const agent = t.agent();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await submitForm(agent, '/login', '/login', { email: u.email, password: `Intento-${i}-xx` })).status);
    expect(statuses.slice(0, 5)).toEqual([422, 422, 422, 422, 422]);
    expect(statuses[5]).toBe(429);
    const blocked = await submitForm(agent, '/login', '/login', { email: u.email, password: u.password });
    expect(blocked.status).toBe(429);
    expect(blocked.text).toContain('Demasiados intentos');
    // Another account from the same address is not locked out by this one's typos.
    const other = await t.factories.user('press');
    await login(t.agent(), other.email, other.password);
  });

  it('rejects a form with a forged or missing CSRF token', async () => {
    const u = await t.factories.user('admin');
    const agent = t.agent();
    await login(agent, u.email, u.password);
    const forged = await agent.post('/admin/dependencias').type('form').send({ _csrf: 'falso', name: 'Forjada', active: 'on' });
    expect(forged.status).toBe(403);
    expect(forged.text).toContain('El formulario caducó o no es válido');
    const missing = await agent.post('/admin/dependencias').type('form').send({ name: 'Forjada', active: 'on' });
    expect(missing.status).toBe(403);
    // A token from another browser does not work either.
    const stranger = t.agent();
    const strangerToken = csrfFrom((await stranger.get('/login')).text);
    const crossed = await agent.post('/admin/dependencias').type('form').send({ _csrf: strangerToken, name: 'Forjada', active: 'on' });
    expect(crossed.status).toBe(403);
    expect(await t.dataSource.query(`SELECT 1 FROM departments WHERE name = 'Forjada'`)).toHaveLength(0);
  });

  it('ends the session in the store at logout', async () => {
    const u = await t.factories.user('attention');
    const agent = t.agent();
    const res = await login(agent, u.email, u.password);
    const sid = sessionId(res.headers['set-cookie']);
    const page = await agent.get('/panel');
    const out = await agent.post('/logout').type('form').send({ _csrf: csrfFrom(page.text) });
    expect(out.status).toBe(303);
    expect(await t.dataSource.query(`SELECT 1 FROM session WHERE sid = $1`, [sid])).toHaveLength(0);
    const after = await agent.get('/panel');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Fpanel');
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const u = await t.factories.user('attention');
    const res = await login(t.agent(), u.email, u.password);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith(SESSION_COOKIE))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it('ends a session left untouched longer than SESSION_IDLE_MINUTES, and each request moves that deadline', async () => {
    const u = await t.factories.user('attention');
    const agent = t.agent();
    const sid = sessionId((await login(agent, u.email, u.password)).headers['set-cookie'])!;
    const idleMs = 120 * 60_000; // the default SESSION_IDLE_MINUTES
    const expiresIn = async () => {
      const [row] = await t.dataSource.query(`SELECT extract(epoch FROM expire - now()) * 1000 AS ms FROM session WHERE sid = $1`, [sid]);
      return Number(row.ms);
    };
    // Used a minute ago, 119 minutes ago by the store's reckoning: a request brings it back to the full idle time.
    await t.dataSource.query(`UPDATE session SET expire = now() + interval '1 minute' WHERE sid = $1`, [sid]);
    const used = await agent.get('/panel');
    expect(used.status).toBe(200);
    const cookie = ([] as string[]).concat(used.headers['set-cookie'] ?? []).find((c) => c.startsWith(SESSION_COOKIE))!;
    const cookieExpires = new Date(/Expires=([^;]+)/i.exec(cookie)![1]).getTime();
    expect(Math.abs(cookieExpires - Date.now() - idleMs)).toBeLessThan(60_000);
    expect(await expiresIn()).toBeGreaterThan(idleMs - 60_000);
    expect(await expiresIn()).toBeLessThanOrEqual(idleMs + 1_000);
    // Untouched past the idle time: the same cookie opens nothing.
    await t.dataSource.query(`UPDATE session SET expire = now() - interval '1 second' WHERE sid = $1`, [sid]);
    const after = await agent.get('/panel');
    expect(after.status).toBe(303);
    expect(after.headers.location).toBe('/login?next=%2Fpanel');
  });

  it('ends a session after SESSION_MAX_HOURS from sign-in, however busy', async () => {
    const u = await t.factories.user('attention');
    const agent = t.agent();
    const sid = sessionId((await login(agent, u.email, u.password)).headers['set-cookie'])!;
    const started = async () => Number((await t.dataSource.query(`SELECT sess->>'startedAt' AS s FROM session WHERE sid = $1`, [sid]))[0]?.s);
    const signedInAt = await started();
    expect(Math.abs(signedInAt - Date.now())).toBeLessThan(60_000); // counted from the sign-in itself
    expect((await agent.get('/panel')).status).toBe(200);
    expect(await started()).toBe(signedInAt); // using the session does not restart the count
    // Eleven hours and 59 minutes in, still open; past 12 hours (the default), closed and erased from the store.
    const setStarted = (ms: number) => t.dataSource.query(`UPDATE session SET sess = (sess::jsonb || jsonb_build_object('startedAt', $2::bigint))::json WHERE sid = $1`, [sid, ms]);
    await setStarted(Date.now() - (12 * 60 - 1) * 60_000);
    expect((await agent.get('/panel')).status).toBe(200);
    await setStarted(Date.now() - 12 * 3600_000 - 60_000);
    const ended = await agent.get('/panel');
    expect(ended.status).toBe(303);
    expect(ended.headers.location).toMatch(/^\/login/);
    expect(await t.dataSource.query(`SELECT 1 FROM session WHERE sid = $1`, [sid])).toHaveLength(0);
    const again = await agent.get('/panel');
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe('/login?next=%2Fpanel');
  });

  it('lets a person change their own password, refusing a weak one beside the field', async () => {
    const u = await t.factories.user('press');
    const agent = t.agent();
    await login(agent, u.email, u.password);
    const weak = await submitForm(agent, '/cuenta/contrasena', '/cuenta/contrasena', { current: u.password, password: 'corta', confirm: 'corta' });
    expect(weak.status).toBe(422);
    expect(weak.text).toMatch(/id="f-password-error"[^>]*>La contraseña debe tener al menos 10 caracteres/);
    const ok = await submitForm(agent, '/cuenta/contrasena', '/cuenta/contrasena', { current: u.password, password: 'Nueva-Clave-2027', confirm: 'Nueva-Clave-2027' });
    expect(ok.status).toBe(303);
    await login(t.agent(), u.email, 'Nueva-Clave-2027');
  });

  it('never follows a login "next" to another site', async () => {
    const u = await t.factories.user('press');
    const agent = t.agent();
    const res = await submitForm(agent, '/login?next=//evil.example', '/login', { email: u.email, password: u.password, next: '//evil.example' });
    expect(res.headers.location).toBe('/panel');
  });

  // Last: a second app in this process takes over passport's strategy and (de)serialisers, which are process-wide.
  it('marks every cookie Secure when COOKIE_SECURE=true (behind an HTTPS proxy)', async () => {
    const s = await createTestApp({ COOKIE_SECURE: 'true' }, { schema: t.schema });
    delete process.env.COOKIE_SECURE;
    try {
      const u = await t.factories.user('attention');
      const viaProxy = (r: ReturnType<ReturnType<typeof request>['get']>) => r.set('X-Forwarded-Proto', 'https');
      const page = await viaProxy(request(s.http).get('/login'));
      const jar = ([] as string[]).concat(page.headers['set-cookie'] ?? []);
      expect(jar.length).toBeGreaterThan(0);
      const res = await request(s.http)
        .post('/login')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', jar.map((c) => c.split(';')[0]).join('; '))
        .type('form')
        .send({ email: u.email, password: u.password, _csrf: csrfFrom(page.text) });
      expect(res.status).toBe(303);
      const all = [...jar, ...([] as string[]).concat(res.headers['set-cookie'] ?? [])];
      const session = all.find((c) => c.startsWith(`${SESSION_COOKIE}=`));
      expect(session).toBeDefined();
      for (const c of all) {
        expect(c).toMatch(/;\s*Secure/i);
        expect(c).toMatch(/;\s*HttpOnly/i);
        expect(c).toMatch(/;\s*SameSite=Lax/i);
      }
      expect(res.headers['strict-transport-security']).toBeDefined();
    } finally {
      await s.app.close();
    }
  });
});
