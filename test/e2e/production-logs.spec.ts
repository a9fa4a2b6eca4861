import { request as httpRequest } from 'node:http';
import { createTestApp } from '../support/app';
import { AppProcess, freePort, withDb } from '../support/app-process';
import { actionCsrf } from '../support/cases';

const embedded = process.env.CABILDO_TEST_DB === 'embedded';

/** The app as production runs it (its own process, NODE_ENV=production, stdout to a pipe as under systemd). */
describe('production logs', () => {
  let schema: string;
  let app: AppProcess;

  beforeAll(async () => {
    const t = await createTestApp();
    schema = t.schema;
    await t.app.close();
    app = new AppProcess(await freePort(), {
      NODE_ENV: 'production',
      SESSION_SECRET: 'registro-de-produccion-0123456789abcdef',
      LOG_LEVEL: 'log',
      DATABASE_URL: process.env.DATABASE_URL!,
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_SIZE: embedded ? '1' : '2',
      OUTBOX_POLL_MS: '0',
    });
    await app.start();
  });
  afterAll(async () => {
    await app?.stop();
    if (schema) await withDb(schema, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  const lines = () =>
    app.output
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => {
        try {
          return JSON.parse(l) as Record<string, unknown>;
        } catch {
          throw new Error(`not a JSON line: ${l}`);
        }
      });

  it('writes JSON lines, without colour codes, with the request id on the access log and on what the app logs during a request', async () => {
    const page = await fetch(`${app.url}/solicitudes/nueva`, { headers: { 'X-Request-Id': 'prueba-pagina-0001' } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const cookies = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    // An upload the client cuts off: the app's own warning is logged inside the request.
    const boundary = '----corte';
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: app.port,
        method: 'POST',
        path: '/solicitudes/nueva',
        headers: { Cookie: cookies, 'X-Request-Id': 'prueba-corte-0002', 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'Content-Length': '3000000' },
      });
      req.on('error', () => resolve());
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${actionCsrf(html)}\r\n`);
      req.write(`--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="f.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`);
      req.write(Buffer.alloc(100_000, 1), () => setTimeout(() => (req.destroy(), resolve()), 200));
    });
    await new Promise((r) => setTimeout(r, 1000));

    expect(app.output).not.toMatch(/\x1b\[/);
    const all = lines();
    expect(all.length).toBeGreaterThan(3);
    for (const l of all) expect(l).toEqual(expect.objectContaining({ level: expect.any(String), time: expect.any(String), msg: expect.any(String) }));
    const access = all.find((l) => l.requestId === 'prueba-pagina-0001');
    expect(access).toMatchObject({ level: 'info', msg: expect.stringMatching(/^GET \/solicitudes\/nueva 200 \d+ ms$/), res: { statusCode: 200 }, req: { method: 'GET', path: '/solicitudes/nueva', ip: expect.stringMatching(/127\.0\.0\.1/) } });
    const cut = all.filter((l) => l.requestId === 'prueba-corte-0002');
    expect(cut.find((l) => l.level === 'warn')).toMatchObject({ context: 'HTTP', msg: expect.stringContaining('el cliente cortó la petición') });
    expect(cut.some((l) => l.level === 'error')).toBe(false);
    expect(app.output).not.toContain('make-middleware.js');
    // Start-up lines are JSON too.
    expect(all.some((l) => typeof l.msg === 'string' && l.msg.startsWith('Cabildo escucha en'))).toBe(true);
  });
});
