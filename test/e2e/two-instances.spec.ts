import request from 'supertest';
import { OutboxService } from '../../src/notifications/outbox.service';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, login, TestApp } from '../support/app';
import { TestSmtpServer } from '../support/smtp';

/** Two app instances against one database, as behind a load balancer. */
describe('two instances, one database', () => {
  const smtp = new TestSmtpServer();
  let a: TestApp;
  let b: TestApp;

  beforeAll(async () => {
    await smtp.start();
    a = await createTestApp({ SMTP_URL: smtp.url });
    b = await createTestApp({ SMTP_URL: smtp.url }, { schema: a.schema });
  });
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    await smtp.stop();
    delete process.env.SMTP_URL;
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
});
