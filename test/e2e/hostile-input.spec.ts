import { createTestApp, csrfFrom, login, TestApp } from '../support/app';
import { formsEachRoleReaches, HOSTILE_VALUES } from '../support/forms';

// Forms that end the session or act on the whole outbox are swept elsewhere.
const SKIP_ACTIONS = [/^\/logout/, /^\/login/];

/**
 * Every form on every page each role can open, every field, every hostile value: nothing
 * answers 500, nothing comes back unescaped. (Login has its own tests.)
 */
describe('hostile input on every form', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('survives the sweep', async () => {
    const failures: string[] = [];
    let submissions = 0;
    const swept = new Set<string>(); // each form once, by the first role that reaches it
    for await (const { role, agent, page, form } of formsEachRoleReaches(t)) {
      if (form.method !== 'post' || SKIP_ACTIONS.some((re) => re.test(form.action))) continue;
      const key = form.action.replace(/[?&]_csrf=[^&]*/, '');
      if (swept.has(key)) continue;
      swept.add(key);
      const token = csrfFrom(page); // tokens stay valid for the browser they were given to
      const editable = form.fields.filter((f) => !['hidden', 'submit', 'button', 'file'].includes(f.type) && f.name !== '_csrf');
      for (const field of editable) {
        for (const hostile of HOSTILE_VALUES) {
          const body: Record<string, unknown> = { _csrf: token };
          for (const f of form.fields) if (f.name !== '_csrf' && f.type !== 'file') body[f.name] = f.value;
          body[field.name] = hostile.value;
          const res = await agent.post(form.action.replace(/[?&]_csrf=[^&]*/, '')).type('form').send(body as Record<string, string>);
          submissions++;
          if (res.status >= 500) failures.push(`${role} ${form.action} ${field.name}=${hostile.label}: ${res.status}`);
          if (typeof res.text === 'string' && res.text.includes('<script>alert("xss")</script>')) failures.push(`${role} ${form.action} ${field.name}: unescaped script`);
        }
      }
    }
    expect(submissions).toBeGreaterThan(50);
    expect(failures).toEqual([]);
    // Nothing hostile came back unescaped on the pages that list what was saved either.
    const admin = await t.factories.user('admin');
    const agent = t.agent();
    await login(agent, admin.email, admin.password);
    for (const path of ['/admin/usuarios', '/admin/dependencias', '/admin/auditoria', '/admin/calendario']) {
      const res = await agent.get(path);
      expect(res.status).toBe(200);
      expect(res.text).not.toContain('<script>alert("xss")</script>');
    }
  }, 240_000); // every form of every module: it grows with each module, well past jest's default minute

  it('refuses invalid UTF-8 and oversize bodies cleanly', async () => {
    const agent = t.agent();
    const page = await agent.get('/login');
    const token = csrfFrom(page.text);
    const bad = await agent.post('/login').set('Content-Type', 'application/x-www-form-urlencoded').send(`_csrf=${encodeURIComponent(token)}&email=%FF%FE%FD&password=x`);
    expect(bad.status).toBeLessThan(500);
    const huge = await agent.post('/login').set('Content-Type', 'application/x-www-form-urlencoded').send(`_csrf=${encodeURIComponent(token)}&email=${'a'.repeat(2_000_000)}`);
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('demasiado grande');
  });
});
