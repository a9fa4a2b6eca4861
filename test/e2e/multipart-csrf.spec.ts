import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp, csrfFrom, login, TestApp } from '../support/app';
import { fileRequest, receiptCode, seedCategory } from '../support/cases';
import { plainJpeg } from '../support/media';

const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));

/**
 * The multipart forms (files) carried their CSRF token in the action URL, where it reached the
 * browser's history and the logs. Now it travels in the body like every other form's, and a
 * multipart POST without it (or with it only in the URL) is still refused.
 */
describe('CSRF on multipart forms: in the body, never in the URL', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t?.close());

  it('no template puts the token in a form action, and every multipart form carries the hidden field', () => {
    const views = walk(join(__dirname, '../../views')).filter((f) => f.endsWith('.hbs'));
    for (const file of views) {
      const text = readFileSync(file, 'utf8');
      expect({ file, inAction: /action="[^"]*_csrf=/.test(text) }).toEqual({ file, inAction: false });
      for (const m of text.matchAll(/<form\b[^>]*multipart\/form-data[^>]*>([\s\S]*?)<\/form>/g)) expect({ file, field: m[1].includes('{{> csrf}}') }).toEqual({ file, field: true });
    }
    // Every route that takes files checks the token once the body is parsed.
    const sources = walk(join(__dirname, '../../src')).filter((f) => f.endsWith('.controller.ts'));
    for (const file of sources) expect({ file, bare: /@UseInterceptors\((File|Files|AnyFiles|FileFields)Interceptor/.test(readFileSync(file, 'utf8')) }).toEqual({ file, bare: false });
  });

  it('the public form: refused without a token or with it only in the URL, accepted with it in the body', async () => {
    const { category } = await seedCategory(t);
    const agent = t.agent();
    const page = await agent.get('/solicitudes/nueva');
    expect(page.text).not.toMatch(/action="[^"]*_csrf=/);
    const token = csrfFrom(page.text);
    const fields = { type: 'report', categoryId: String(category.id), locality: 'Tancuilín', description: 'Poste caído en la calle 5 de Mayo.', consent: 'on' };
    const post = (url: string, withBody: boolean) => {
      const req = agent.post(url);
      if (withBody) req.field('_csrf', token);
      for (const [k, v] of Object.entries(fields)) req.field(k, v);
      return req.attach('attachments', Buffer.alloc(0), { filename: '', contentType: 'application/octet-stream' });
    };
    expect((await post('/solicitudes/nueva', false)).status).toBe(403);
    expect((await post(`/solicitudes/nueva?_csrf=${encodeURIComponent(token)}`, false)).status).toBe(403);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM cases`))[0].n).toBe(0);
    const ok = await fileRequest(agent, fields);
    expect(ok.status).toBe(303);
  });

  it('the citizen adds information, staff attach a file, press uploads to the bank: each refused without the token in the body', async () => {
    const { category } = await seedCategory(t);
    const citizen = t.agent();
    const filed = await fileRequest(citizen, { type: 'report', categoryId: String(category.id), locality: 'Tancuilín', description: 'Bache en la calle Juárez.' });
    const folio = filed.headers.location.split('/').pop()!;
    const receipt = await citizen.get(filed.headers.location);
    const track = await citizen.get('/seguimiento');
    await citizen.post('/seguimiento').type('form').send({ folio, code: receiptCode(receipt.text), _csrf: csrfFrom(track.text) });
    const page = await citizen.get(`/seguimiento/${folio}`);
    expect(page.text).not.toMatch(/action="[^"]*_csrf=/);
    const photo = await plainJpeg();
    const info = (withToken: boolean) => {
      const req = citizen.post(`/seguimiento/${folio}/informacion`);
      if (withToken) req.field('_csrf', csrfFrom(page.text));
      return req.field('body', 'Ya creció el bache.').attach('attachments', photo, { filename: 'bache.jpg', contentType: 'image/jpeg' });
    };
    expect((await info(false)).status).toBe(403);
    expect((await info(true)).status).toBe(303);

    const staff = await t.factories.user('attention');
    const attention = t.agent();
    await login(attention, staff.email, staff.password);
    const casePage = await attention.get(`/casos/${folio}`);
    expect(casePage.text).not.toMatch(/action="[^"]*_csrf=/);
    const version = /name="version" value="(\d+)"/.exec(casePage.text)![1];
    expect((await attention.post(`/casos/${folio}/adjuntos`).field('version', version).attach('attachments', photo, { filename: 'a.jpg', contentType: 'image/jpeg' })).status).toBe(403);
    expect((await attention.post(`/casos/${folio}/adjuntos`).field('_csrf', csrfFrom(casePage.text)).field('version', version).attach('attachments', photo, { filename: 'a.jpg', contentType: 'image/jpeg' })).status).toBe(303);

    const p = await t.factories.user('press');
    const press = t.agent();
    await login(press, p.email, p.password);
    const upload = await press.get('/banco/subir');
    expect(upload.text).not.toMatch(/action="[^"]*_csrf=/);
    expect((await press.post('/banco/subir').field('rights', 'free').attach('files', photo, 'foto.jpg')).status).toBe(403);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM media_assets`))[0].n).toBe(0);
    const ok = await press.post('/banco/subir').field('_csrf', csrfFrom(upload.text)).field('rights', 'free').attach('files', photo, 'foto.jpg');
    expect(ok.status).toBe(303);
  });
});
