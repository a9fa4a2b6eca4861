import { Logger } from '@nestjs/common';
import { request as httpRequest } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { OutboxService } from '../../src/notifications/outbox.service';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { createTestApp, TestApp } from '../support/app';
import { freePort } from '../support/app-process';
import { actionCsrf } from '../support/cases';
import { TestSmtpServer } from '../support/smtp';

const TOKEN = 'metricas-secretas-0123456789';

/** Watching it: /health, /health/ready, /metrics, the SMTP pool, and a cut upload logged as one line. */
describe('operations: health, readiness, metrics, mail pool, aborted uploads', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let metricsPort: number;
  let env: Record<string, string>;

  beforeAll(async () => {
    await smtp.start();
    metricsPort = await freePort();
    env = { METRICS_TOKEN: TOKEN, METRICS_PORT: String(metricsPort), SMTP_URL: smtp.url, SMTP_MAX_CONNECTIONS: '2' };
    t = await createTestApp(env);
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    for (const k of Object.keys(env)) delete process.env[k];
    jest.restoreAllMocks();
  });

  it('answers /health (liveness) and /health/ready (readiness) with what it checked', async () => {
    const live = await t.agent().get('/health');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    const ready = await t.agent().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.status).toBe('ok');
    expect(Object.keys(ready.body.details).sort()).toEqual(['database', 'mailbox', 'migrations', 'outbox']);
    expect(ready.body.details.mailbox).toMatchObject({ status: 'up', configured: false });
  });

  it('answers 503 naming the outbox when a due message has waited too long', async () => {
    const outbox = t.app.get(OutboxService);
    await t.dataSource.transaction((m) => outbox.enqueueEmail(m, { to: 'atrasado@ejemplo.mx', subject: 'Atrasado', text: 'x' }));
    await t.dataSource.query(`UPDATE outbox SET next_attempt_at = now() - interval '2 hours' WHERE payload->>'to' = 'atrasado@ejemplo.mx'`);
    const ready = await t.agent().get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('error');
    expect(Object.keys(ready.body.error)).toEqual(['outbox']);
    expect(ready.body.error.outbox.message).toMatch(/espera desde hace 12\d min/);
    expect(ready.body.info.database.status).toBe('up');
    await t.app.get(OutboxWorker).drain();
    expect((await t.agent().get('/health/ready')).status).toBe(200);
  });

  it('answers 503 naming the migrations when one is not applied', async () => {
    const [last] = await t.dataSource.query(`SELECT id, timestamp, name FROM migrations ORDER BY timestamp DESC LIMIT 1`);
    await t.dataSource.query(`DELETE FROM migrations WHERE id = $1`, [last.id]);
    try {
      const ready = await t.agent().get('/health/ready');
      expect(ready.status).toBe(503);
      expect(Object.keys(ready.body.error)).toEqual(['migrations']);
    } finally {
      await t.dataSource.query(`INSERT INTO migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [last.id, last.timestamp, last.name]);
    }
    expect((await t.agent().get('/health/ready')).status).toBe(200);
  });

  it('sends mail through a pool of SMTP connections, not one connection per message', async () => {
    const outbox = t.app.get(OutboxService);
    const before = smtp.connections;
    await t.dataSource.transaction(async (m) => {
      for (let i = 0; i < 6; i++) await outbox.enqueueEmail(m, { to: `medio${i}@ejemplo.mx`, subject: `Boletín ${i}`, text: 'Texto' });
    });
    await t.app.get(OutboxWorker).drain();
    for (let i = 0; i < 6; i++) expect(smtp.received.filter((r) => r.envelopeTo.includes(`medio${i}@ejemplo.mx`))).toHaveLength(1);
    expect(smtp.connections - before).toBeLessThanOrEqual(2);
  });

  it('serves Prometheus metrics only with the token, by route pattern, with the outbox, pool and memory', async () => {
    await t.agent().get('/seguimiento');
    await t.agent().get('/sala-de-prensa/no-existe-este-boletin');
    expect((await t.agent().get('/metrics')).status).toBe(401);
    expect((await t.agent().get('/metrics').set('Authorization', 'Bearer otro-token-equivocado-000')).status).toBe(401);
    const res = await t.agent().get('/metrics').set('Authorization', `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.text).toMatch(/cabildo_http_request_duration_seconds_bucket\{[^}]*route="\/seguimiento"/);
    // A case's address is counted under its pattern, never as itself.
    expect(res.text).toMatch(/cabildo_http_request_duration_seconds_count\{[^}]*route="\/sala-de-prensa\/:slug"/);
    expect(res.text).not.toContain('no-existe-este-boletin');
    expect(res.text).toMatch(/cabildo_outbox_messages\{status="sent"\} \d+/);
    expect(res.text).toContain('cabildo_outbox_oldest_due_seconds 0');
    expect(res.text).toMatch(/cabildo_db_pool_connections\{state="total"\} \d/);
    expect(res.text).toMatch(/process_resident_memory_bytes \d+/);
    expect(res.text).toMatch(/cabildo_database_up 1/);
    // The separate port needs no token (bound to loopback by default).
    const side = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(side.status).toBe(200);
    expect(await side.text()).toContain('cabildo_http_request_duration_seconds');
  });

  it('logs an upload cut off by the client as one warning line, not an error with a stack', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error');
    const warnings = jest.spyOn(Logger.prototype, 'warn');
    const page = await t.agent().get('/solicitudes/nueva');
    const cookies = ([] as string[]).concat(page.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
    const boundary = '----cabildo-corte';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${actionCsrf(page.text)}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="description"\r\n\r\nBache grande\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="foto.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`,
    );
    if (!t.http.listening) await new Promise<void>((r) => t.http.listen(0, '127.0.0.1', () => r()));
    const { port } = t.http.address() as AddressInfo;
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/solicitudes/nueva',
        headers: { Cookie: cookies, 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': String(head.length + 4_000_000) },
      });
      req.on('error', () => resolve());
      req.write(head);
      req.write(Buffer.alloc(200_000, 0xff), () => setTimeout(() => (req.destroy(), resolve()), 200));
    });
    await new Promise((r) => setTimeout(r, 800));
    const errorLines = errors.mock.calls.map((c) => String(c[0]));
    expect(errorLines).toEqual([]);
    const cut = warnings.mock.calls.map((c) => String(c[0])).filter((l) => l.includes('/solicitudes/nueva'));
    expect(cut).toHaveLength(1);
    expect(cut[0]).toMatch(/cortad|abort/i);
    expect(cut[0]).not.toContain('\n');
    expect(cut[0]).not.toContain('_csrf'); // the path, not the query with its token
    // The app goes on serving.
    expect((await request(t.http).get('/health')).status).toBe(200);
  });
});
