import request from 'supertest';
import { OutboxService } from '../../src/notifications/outbox.service';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, login, TestApp } from '../support/app';
import { TestSmtpServer } from '../support/smtp';
import { actionCsrf, seedCategory, solvePow } from '../support/cases';

/** Two app instances against one database, as behind a load balancer. */
describe('two instances, one database', () => {
  const smtp = new TestSmtpServer();
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    await smtp.start();
    a = await createTestApp({ SMTP_URL: smtp.url, TRACKING_ATTEMPTS_PER_10_MIN: '3' });
    b = await createTestApp({ SMTP_URL: smtp.url, TRACKING_ATTEMPTS_PER_10_MIN: '3' }, { schema: a.schema });
  });
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    await smtp.stop();
    delete process.env.SMTP_URL;
    delete process.env.TRACKING_ATTEMPTS_PER_10_MIN;
  });

  it('shares sessions: signed in on one, recognised on the other', async () => {
    const u = await a.factories.user('admin', { name: 'Persona Compartida' });
    const agent = a.agent();
    const res = await login(agent, u.email, u.password);
    const cookies = ([] as string[]).concat(res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
    const onB = await request(b.http).get('/panel').set('Cookie', cookies.join('; '));
    expect(onB.status).toBe(200);
    expect(onB.text).toContain('Persona Compartida');
  });

  it('sees at once on one what was saved on the other', async () => {
    const dep = await a.factories.department({ name: 'Dependencia vista desde B' });
    const u = await b.factories.user('admin');
    const agent = b.agent();
    await login(agent, u.email, u.password);
    const page = await agent.get('/admin/dependencias');
    expect(page.text).toContain(dep.name);
  });

  it('never sends one outbox message twice, with both workers draining at once', async () => {
    const outbox = a.app.get(OutboxService);
    await a.dataSource.transaction(async (m) => {
      for (let i = 0; i < 20; i++) await outbox.enqueueEmail(m, { to: `medio${i}@ejemplo.mx`, subject: `Boletín ${i}`, text: 'Texto' });
    });
    const [na, nb] = await Promise.all([a.app.get(OutboxWorker).drain(), b.app.get(OutboxWorker).drain()]);
    expect(na + nb).toBe(20);
    for (let i = 0; i < 20; i++) expect(smtp.to(`medio${i}@ejemplo.mx`)).toHaveLength(1);
  });

  it('counts tracking attempts together: what one instance counted, the other refuses', async () => {
    const attempt = async (t: TestApp) => {
      const agent = t.agent();
      const form = await agent.get('/seguimiento');
      return agent.post('/seguimiento').type('form').send({ folio: 'AC-2026-000999', code: 'NO-EXISTE-0000', _csrf: /name="_csrf" value="([^"]+)"/.exec(form.text)![1] });
    };
    expect((await attempt(a)).status).toBe(422);
    expect((await attempt(a)).status).toBe(422);
    expect((await attempt(b)).status).toBe(422); // the third of three, counted on the other instance
    const refused = await attempt(b);
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Demasiados intentos');
    expect((await attempt(a)).status).toBe(429);
  });

  it('takes a proof-of-work solution once, on whichever instance it is replayed', async () => {
    const { category } = await seedCategory(a, { name: 'Bacheo' });
    const agent = a.agent();
    const page = await agent.get('/solicitudes/nueva');
    const fields = { type: 'report', categoryId: String(category.id), description: 'Bache frente a la primaria Benito Juárez', locality: 'Tampacán (cabecera municipal)', consent: 'on', altcha: solvePow(page.text) };
    const post = (http: TestApp['http'], cookies: string[]) => {
      const req = request(http).post(`/solicitudes/nueva`).field('_csrf', actionCsrf(page.text)).set('Cookie', cookies.join('; '));
      for (const [k, v] of Object.entries(fields)) req.field(k, v);
      return req;
    };
    const cookies = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
    const first = await post(a.http, cookies);
    expect(first.status).toBe(303);
    const replay = await post(b.http, cookies);
    expect(replay.status).toBe(422);
    expect(replay.text).toContain('id="f-challengeAnswer-error"');
    expect((await a.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE description LIKE 'Bache frente%'`))[0].n).toBe(1);
  });
});
