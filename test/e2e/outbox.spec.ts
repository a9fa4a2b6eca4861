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

  it('lists the outbox newest first by number, pages without repeating or skipping, and marks one sidebar entry', async () => {
    await t.dataSource.query(`DELETE FROM outbox_attempts`);
    await t.dataSource.query(`DELETE FROM outbox`);
    // 120 entries: ids cross from two to three digits, where text order ("9" > "83" > "100") breaks.
    await t.dataSource.transaction(async (m) => {
      for (let i = 0; i < 120; i++) await outbox.enqueueEmail(m, { to: `p${i}@ejemplo.mx`, subject: `Aviso ${i}`, text: 'x' }, `order:${i}`);
    });
    const ids: number[] = (await t.dataSource.query(`SELECT id FROM outbox ORDER BY id DESC`)).map((r: { id: string }) => Number(r.id));
    const admin = await t.factories.user('admin');
    const agent = t.agent();
    await login(agent, admin.email, admin.password);
    const seen: number[] = [];
    let next: string | null = '/correo/saliente';
    let pages = 0;
    while (next && pages++ < 10) {
      const res = await agent.get(next);
      expect(res.status).toBe(200);
      const page = [...res.text.matchAll(/href="\/correo\/saliente\/(\d+)"/g)].map((m) => Number(m[1]));
      seen.push(...page.filter((id, i) => page.indexOf(id) === i));
      const more = /href="\/correo\/saliente(\?[^"]*antes(?:=|&#x3D;)\d+)"/.exec(res.text);
      next = more ? '/correo/saliente' + more[1].replace(/&#x3D;/g, '=').replace(/&amp;/g, '&') : null;
      if (pages === 1) {
        // The sidebar marks "Correo saliente" only, not also "Correo oficial" (/correo).
        expect(res.text).toContain('<a href="/correo/saliente" aria-current="page">Correo saliente');
        expect(res.text).not.toMatch(/<a href="\/correo" aria-current="page">/);
      }
    }
    expect(seen).toEqual(ids);
  });
});
