import { MailboxWorker } from '../../src/mailbox/mailbox.worker';
import { createTestApp, login, TestApp } from '../support/app';

describe('without a mailbox configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    for (const k of ['IMAP_HOST', 'IMAP_USER', 'IMAP_PASSWORD']) delete process.env[k];
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('/correo says so, and everything else works', async () => {
    const attention = await t.factories.user('attention');
    const agent = t.agent();
    await login(agent, attention.email, attention.password);
    const page = await agent.get('/correo');
    expect(page.status).toBe(200);
    expect(page.text).toContain('No hay un buzón de correo configurado');
    expect((await agent.get('/correo/saliente')).status).toBe(200);
    expect((await agent.get('/casos')).status).toBe(200);
    expect(await t.app.get(MailboxWorker).fetchNow()).toMatchObject({ ok: false, error: 'not_configured' });
  });
});
