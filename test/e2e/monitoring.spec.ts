import ExcelJS from 'exceljs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MonitoringService } from '../../src/monitoring/monitoring.service';
import { MediaDirectoryService } from '../../src/media-relations/media-directory.service';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';

const RSS = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>El Sol de la Huasteca</title><link>https://elsol.example.mx</link><description>Noticias</description>
<item><title>Inauguran pozo de agua potable en Tampacán</title><link>https://elsol.example.mx/nota/101?utm_source=rss</link><guid>101</guid><pubDate>Wed, 25 Nov 2026 15:00:00 GMT</pubDate><description>El ayuntamiento entregó la obra en la localidad de Tamarindo.</description></item>
<item><title>Resultados de la liga de futbol regional</title><link>https://elsol.example.mx/nota/102</link><guid>102</guid><pubDate>Wed, 25 Nov 2026 16:00:00 GMT</pubDate><description>Valles vence a Tamazunchale.</description></item>
<item><title>Brigada médica en la Huasteca</title><link>https://elsol.example.mx/nota/103</link><guid>103</guid><pubDate>Wed, 25 Nov 2026 17:00:00 GMT</pubDate><description>La Presidenta Municipal Rosa Elena Téllez acompañó a la brigada del DIF.</description></item>
<item><title>Precio del aguacate sube en Tampacanito</title><link>https://elsol.example.mx/nota/104</link><guid>104</guid><pubDate>Wed, 25 Nov 2026 18:00:00 GMT</pubDate><description>Mercados regionales.</description></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Huasteca Hoy</title><id>urn:huastecahoy</id><updated>2026-11-25T18:00:00Z</updated>
<entry><title>TAMPACAN: cierre de calles por la feria</title><link href="https://huastecahoy.example.mx/feria"/><id>urn:hh:1</id><updated>2026-11-25T18:00:00Z</updated><summary>Vialidad municipal informa.</summary></entry>
<entry><title>Retoman nota del pozo</title><link href="https://elsol.example.mx/nota/101"/><id>urn:hh:2</id><updated>2026-11-25T19:00:00Z</updated><summary>Tampacán estrena pozo.</summary></entry>
<entry><title>Clima para el fin de semana</title><link href="https://huastecahoy.example.mx/clima"/><id>urn:hh:3</id><updated>2026-11-25T20:00:00Z</updated><summary>Lluvias ligeras.</summary></entry>
</feed>`;

describe('media monitoring: feeds polled on loopback, candidates once each, broken feeds reported', () => {
  let t: TestApp;
  let server: Server;
  let base: string;
  let press: ReturnType<TestApp['agent']>;
  const seen: { path: string; ifNoneMatch?: string; ifModifiedSince?: string }[] = [];

  beforeAll(async () => {
    server = createServer((req: IncomingMessage, res: ServerResponse) => {
      seen.push({ path: req.url!, ifNoneMatch: req.headers['if-none-match'] as string | undefined, ifModifiedSince: req.headers['if-modified-since'] as string | undefined });
      if (req.url === '/sol.xml') {
        if (req.headers['if-none-match'] === '"sol-v1"') return void res.writeHead(304).end();
        return void res.writeHead(200, { 'Content-Type': 'application/rss+xml; charset=utf-8', ETag: '"sol-v1"' }).end(RSS);
      }
      if (req.url === '/hoy.atom') {
        if (req.headers['if-modified-since'] === 'Wed, 25 Nov 2026 20:00:00 GMT') return void res.writeHead(304).end();
        return void res.writeHead(200, { 'Content-Type': 'application/atom+xml', 'Last-Modified': 'Wed, 25 Nov 2026 20:00:00 GMT' }).end(ATOM);
      }
      if (req.url === '/roto.xml') return void res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Mantenimiento</body></html><<<');
      if (req.url === '/caido.xml') return void res.writeHead(500).end('error');
      if (req.url === '/lento.xml') return; // never answers: the timeout must cut it
      if (req.url === '/enorme.xml') return void res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(`<rss><channel>${'<item><title>Tampacán</title></item>'.repeat(5000)}</channel></rss>`);
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    t = await createTestApp({ MONITORING_FEED_TIMEOUT_MS: '1500', MONITORING_FEED_MAX_BYTES: '100000', OUTBOUND_ALLOW_HOSTS: new URL(base).host }); // the fake feeds on loopback, allowed by name
    const p = await t.factories.user('press');
    press = t.agent();
    await login(press, p.email, p.password);
  });
  afterAll(async () => {
    await t?.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    delete process.env.MONITORING_FEED_TIMEOUT_MS;
    delete process.env.MONITORING_FEED_MAX_BYTES;
    delete process.env.OUTBOUND_ALLOW_HOSTS;
  });

  it('proposes exactly the matching items, once each, and reports the broken feeds without stopping', async () => {
    const sol = await t.app.get(MediaDirectoryService).saveOutlet(null, { name: 'El Sol de la Huasteca', type: 'print', reach: 8000, active: true } as never, SYSTEM_ACTOR);
    for (const term of ['Tampacán', 'Rosa Elena Téllez']) expect((await submitForm(press, '/monitoreo/fuentes', '/monitoreo/palabras', { term })).status).toBe(303);
    const feeds: [string, string, string][] = [
      ['Fuente rota', `${base}/roto.xml`, ''],
      ['El Sol', `${base}/sol.xml`, String(sol.id)],
      ['Caída', `${base}/caido.xml`, ''],
      ['Lenta', `${base}/lento.xml`, ''],
      ['Huasteca Hoy', `${base}/hoy.atom`, ''],
      ['Enorme', `${base}/enorme.xml`, ''],
    ];
    for (const [name, url, outletId] of feeds) expect((await submitForm(press, '/monitoreo/fuentes', '/monitoreo/fuentes', { name, url, outletId })).status).toBe(303);
    const dup = await submitForm(press, '/monitoreo/fuentes', '/monitoreo/fuentes', { name: 'Otra vez', url: `${base}/sol.xml` });
    expect(dup.status).toBe(422);
    expect(dup.text).toContain('Esa fuente ya está registrada');

    const page = await press.get('/monitoreo/fuentes');
    const res = await press.post('/monitoreo/fuentes/revisar').type('form').send({ _csrf: csrfFrom(page.text) });
    expect(res.status).toBe(200);
    const reports = await t.app.get(MonitoringService).pollFeeds(); // a second round: conditional requests
    const candidates: { title: string; link: string; matched: string[] }[] = await t.dataSource.query(`SELECT title, link, matched FROM clipping_candidates ORDER BY title`);
    expect(candidates.map((c) => c.title)).toEqual(['Brigada médica en la Huasteca', 'Inauguran pozo de agua potable en Tampacán', 'TAMPACAN: cierre de calles por la feria']);
    expect(candidates.find((c) => c.title.startsWith('Brigada'))!.matched).toEqual(['Rosa Elena Téllez']);
    // The first round's report, as the person saw it.
    expect(res.text).toContain('El Sol</strong>: Revisada · 4 notas leídas, 2 candidatas nuevas');
    expect(res.text).toContain('Huasteca Hoy</strong>: Revisada · 3 notas leídas, 1 candidatas nuevas');
    expect(res.text).toMatch(/Fuente rota<\/strong>: Con error · 0 notas leídas, 0 candidatas nuevas · <span class="error-text">no es un RSS\/Atom válido/);
    expect(res.text).toMatch(/Caída<\/strong>: Con error .*HTTP 500/);
    expect(res.text).toMatch(/Lenta<\/strong>: Con error .*sin respuesta en 1500 ms/);
    expect(res.text).toMatch(/Enorme<\/strong>: Con error .*demasiado grande/);
    // The second round asked conditionally and got nothing new.
    expect(reports.find((r) => r.name === 'El Sol')).toMatchObject({ status: 'not_modified', candidates: 0 });
    expect(reports.find((r) => r.name === 'Huasteca Hoy')).toMatchObject({ status: 'not_modified', candidates: 0 });
    expect(seen.filter((s) => s.path === '/sol.xml').map((s) => s.ifNoneMatch)).toEqual([undefined, '"sol-v1"']);
    expect(seen.filter((s) => s.path === '/hoy.atom').map((s) => s.ifModifiedSince)).toEqual([undefined, 'Wed, 25 Nov 2026 20:00:00 GMT']);
    const [broken] = await t.dataSource.query(`SELECT last_status, last_error FROM monitoring_feeds WHERE name = 'Caída'`);
    expect(broken).toEqual({ last_status: 'error', last_error: 'HTTP 500' });

    // Accepting one makes a clipping with the feed's outlet; a discarded one stays gone.
    const list = await press.get('/monitoreo/candidatos');
    const [pozo] = await t.dataSource.query(`SELECT id FROM clipping_candidates WHERE title LIKE 'Inauguran%'`);
    const [feria] = await t.dataSource.query(`SELECT id FROM clipping_candidates WHERE title LIKE 'TAMPACAN%'`);
    expect((await press.post(`/monitoreo/candidatos/${pozo.id}/aceptar`).type('form').send({ _csrf: csrfFrom(list.text), tone: 'positive' })).status).toBe(303);
    expect((await press.post(`/monitoreo/candidatos/${feria.id}/descartar`).type('form').send({ _csrf: csrfFrom(list.text) })).status).toBe(303);
    const [clip] = await t.dataSource.query(`SELECT outlet_id, medium, tone, reach, headline FROM clippings`);
    expect(clip).toEqual({ outlet_id: sol.id, medium: 'press', tone: 'positive', reach: 8000, headline: 'Inauguran pozo de agua potable en Tampacán' });
    expect((await press.get('/monitoreo/candidatos')).text).not.toContain('Inauguran pozo');
    expect((await press.get('/monitoreo?mes=2026-11')).text).toContain('Positivo: <strong>1</strong>');
    // The month's summary as a workbook.
    const xlsx = await press.get('/monitoreo/resumen.xlsx?mes=2026-11').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as never);
    const sheet = wb.getWorksheet('Testigos')!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(4).value).toBe('Inauguran pozo de agua potable en Tampacán');
    expect(sheet.getRow(2).getCell(5).value).toBe('Positivo');
    expect(sheet.getRow(2).getCell(3).value).toBe('Prensa');
  });

  it('logs a clipping by hand with a release and a scan checked by content, refusing a disguised file', async () => {
    const page = await press.get('/monitoreo/nuevo');
    const send = (file: Buffer, name: string, fields: Record<string, string>) => {
      const req = press.post(`/monitoreo`).field('_csrf', csrfFrom(page.text));
      for (const [k, v] of Object.entries(fields)) req.field(k, v);
      return req.attach('file', file, name);
    };
    const fields = { medium: 'radio', publishedAt: '2026-11-26T07:30', headline: 'Entrevista a Protección Civil en el noticiero', tone: 'neutral', releaseId: '45', tags: 'lluvias, protección civil' };
    let res = await send(Buffer.from('MZ\x90\x00 not really an mp3'), 'entrevista.mp3', fields);
    expect(res.status).toBe(422);
    expect(res.text).toContain('El archivo no es PDF, imagen, audio ni video aceptado');
    res = await send(Buffer.from('%PDF-1.4\n%%EOF\n'), 'testigo.pdf', fields);
    expect(res.status).toBe(303);
    const [c] = await t.dataSource.query(`SELECT release_id, tags, published_at, file_mime FROM clippings WHERE headline LIKE 'Entrevista%'`);
    expect(c.release_id).toBe(45);
    expect(c.tags).toEqual(['lluvias', 'protección civil']);
    expect(new Date(c.published_at).toISOString()).toBe('2026-11-26T13:30:00.000Z'); // 07:30 in Mexico City
    expect(c.file_mime).toBe('application/pdf');
  });
});
