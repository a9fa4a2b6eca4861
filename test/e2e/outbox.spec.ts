import { OutboxService } from '../../src/notifications/outbox.service';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, login, TestApp } from '../support/app';
import { TestSmtpServer } from '../support/smtp';

describe('outbox: emails are never lost', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let outbox: OutboxService;
  let worker: OutboxWorker;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    outbox = t.app.get(OutboxService);
    worker = t.app.get(OutboxWorker);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    delete process.env.SMTP_URL;
  });

  it('delivers an email written in a committed transaction, with accents intact', async () => {
    await t.dataSource.transaction((m) => outbox.enqueueEmail(m, { to: 'vecina@ejemplo.mx', subject: 'Acuse de recibo: alumbrado público', text: 'Recibimos su solicitud. ¡Gracias!' }, 'test:1'));
    expect(await worker.drain()).toBe(1);
    const [mail] = smtp.to('vecina@ejemplo.mx');
    expect(mail.parsed.subject).toBe('Acuse de recibo: alumbrado público');
    expect(mail.parsed.text?.trim()).toBe('Recibimos su solicitud. ¡Gracias!');
  });

  it('sends nothing for a transaction that rolled back', async () => {
    await expect(
      t.dataSource.transaction(async (m) => {
        await outbox.enqueueEmail(m, { to: 'nadie@ejemplo.mx', subject: 'x', text: 'x' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await worker.drain();
    expect(smtp.to('nadie@ejemplo.mx')).toHaveLength(0);
  });

  it('keeps a message while the SMTP server is down and sends it once, after it is back', async () => {
    await smtp.stop();
    const id = await t.dataSource.transaction((m) => outbox.enqueueEmail(m, { to: 'reintento@ejemplo.mx', subject: 'Reintento', text: 'Hola' }));
    expect(await worker.drain()).toBe(1); // tried once, failed, scheduled for later
    let entry = await outbox.get(id);
    expect(entry?.status).toBe('pending');
    expect(entry?.attempts).toBe(1);
    expect(entry?.lastError).toBeTruthy();
    expect(await worker.drain()).toBe(0); // not due yet: backoff

    await smtp.start();
    await t.dataSource.query(`UPDATE outbox SET next_attempt_at = now() - interval '1 second' WHERE id = $1`, [id]);
    expect(await worker.drain()).toBe(1);
    await worker.drain();
    entry = await outbox.get(id);
    expect(entry?.status).toBe('sent');
    expect(smtp.to('reintento@ejemplo.mx')).toHaveLength(1);
    const tries = await outbox.attempts(id);
    expect(tries.map((a) => a.ok)).toEqual([false, true]);
  });

  it('shows every message and its tries on the outgoing-mail page', async () => {
    const admin = await t.factories.user('admin');
    const agent = t.agent();
    await login(agent, admin.email, admin.password);
    const res = await agent.get('/correo/saliente');
    expect(res.status).toBe(200);
    expect(res.text).toContain('reintento@ejemplo.mx');
    expect(res.text).toContain('Acuse de recibo: alumbrado público');
  });

  it('never shows staff a secret meant for the recipient, and erases it once sent', async () => {
    const id = await t.dataSource.transaction((m) => outbox.enqueueEmail(m, { to: 'ciudadana@ejemplo.mx', subject: 'Acuse', text: 'Su código de seguimiento: K7QX-29PA-MV4D', secrets: ['K7QX-29PA-MV4D'] }));
    const admin = await t.factories.user('admin');
    const agent = t.agent();
    await login(agent, admin.email, admin.password);
    const before = await agent.get(`/correo/saliente/${id}`);
    expect(before.text).toContain('Su código de seguimiento');
    expect(before.text).not.toContain('K7QX-29PA-MV4D');
    await worker.drain();
    expect(smtp.to('ciudadana@ejemplo.mx')[0].parsed.text).toContain('K7QX-29PA-MV4D');
    const [row] = await t.dataSource.query(`SELECT payload FROM outbox WHERE id = $1`, [id]);
    expect(JSON.stringify(row.payload)).not.toContain('K7QX-29PA-MV4D');
  });
});
