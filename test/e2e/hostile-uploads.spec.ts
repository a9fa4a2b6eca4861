import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { FileStorage } from '../../src/storage/file-storage';
import { createTestApp, csrfFrom, login, TestApp } from '../support/app';
import { fileRequest, seedCategory } from '../support/cases';
import { gifWithScript, jpegWithHtml, pdfWithJavaScript, pngBomb, pngClaimingHugeSize, SVG_WITH_SCRIPT, truncatedJpeg, zipWithHtml } from '../support/hostile-files';

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}
const storedFiles = () => walk(process.env.UPLOADS_DIR!);
const decode = (html: string) => html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
const binary = (r: import('superagent').Request) =>
  r.buffer(true).parse((res, cb) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => cb(null, Buffer.concat(chunks)));
  });
/** Whatever the file holds, the browser may not sniff it into a page nor run a script from it. */
const expectSandboxed = (headers: Record<string, string>) => {
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['content-security-policy']).toMatch(/(^|;\s*)sandbox(;|$)/);
  expect(headers['content-security-policy']).toMatch(/default-src 'none'/);
};

/**
 * Files meant to hurt: decompression bombs, headers that lie about their size, damaged photos,
 * polyglots (an image that is also a page), scripts in SVG and PDF. Each is refused beside its
 * field with nothing half-saved, or kept in a form that cannot run.
 */
describe('hostile uploads', () => {
  let t: TestApp;
  let categoryId: number;

  beforeAll(async () => {
    t = await createTestApp({ FILINGS_PER_HOUR: '100' });
    categoryId = (await seedCategory(t, { name: 'Alumbrado' })).category.id;
  });
  afterAll(async () => {
    await t?.close();
    delete process.env.FILINGS_PER_HOUR;
  });

  describe("the citizen's filing form", () => {
    const typed = 'Poste caído en la esquina de Hidalgo y Morelos, cables en el suelo.';
    const fields = () => ({ type: 'report', categoryId: String(categoryId), description: typed, locality: 'Chuchupe', contactName: 'Rosa Martínez' });
    const counts = async () => (await t.dataSource.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_attachments)::int AS files, (SELECT count(*) FROM case_events)::int AS events, (SELECT count(*) FROM outbox)::int AS mails`))[0];
    const errorBeside = (html: string) => /<p class="error" id="f-attachments-error"[^>]*>([^<]+)<\/p>/.exec(html)?.[1];

    it.each([
      ['a decompression bomb (a 30 KB PNG of 16 000 × 16 000 pixels)', 'mapa.png', pngBomb, 'Una de las imágenes tiene demasiados píxeles (el máximo es 40 megapíxeles). Adjunte la foto como la guarda el teléfono o una de menor resolución.'],
      ['a PNG header claiming 100 000 × 100 000 pixels', 'foto.png', pngClaimingHugeSize, 'Una de las imágenes tiene demasiados píxeles (el máximo es 40 megapíxeles). Adjunte la foto como la guarda el teléfono o una de menor resolución.'],
      ['a truncated JPEG', 'poste.jpg', truncatedJpeg, 'Uno de los archivos está dañado o incompleto y no se puede abrir. Revíselo y adjúntelo de nuevo.'],
      ['an SVG with a script', 'plano.svg', () => SVG_WITH_SCRIPT, 'Solo se aceptan fotos JPEG, PNG o WebP y documentos PDF (revisamos el contenido, no solo el nombre).'],
      ['a ZIP holding a web page, named .jpg', 'foto.jpg', zipWithHtml, 'Solo se aceptan fotos JPEG, PNG o WebP y documentos PDF (revisamos el contenido, no solo el nombre).'],
    ])('refuses %s beside the field, keeps what was typed and saves nothing', async (_what, name, make, message) => {
      const before = { ...(await counts()), stored: storedFiles().length };
      const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#357' } }).jpeg().toBuffer();
      // A good photo first: it must not be stored either when its companion is refused.
      const res = await fileRequest(t.agent(), fields(), [
        { name: 'buena.jpg', content: photo, type: 'image/jpeg' },
        { name, content: await make(), type: name.endsWith('.svg') ? 'image/svg+xml' : name.endsWith('.png') ? 'image/png' : 'image/jpeg' },
      ]);
      expect(res.status).toBe(422);
      expect(decode(errorBeside(res.text) ?? '')).toBe(message);
      expect(res.text).toContain(typed);
      expect(res.text).toContain('value="Rosa Martínez"');
      expect({ ...(await counts()), stored: storedFiles().length }).toEqual(before);
    });

    it('keeps only the pixels of a JPEG that is also a web page, and serves it as a sandboxed image', async () => {
      const agent = t.agent();
      const polyglot = await jpegWithHtml();
      const res = await fileRequest(agent, fields(), [{ name: 'foto.jpg', content: polyglot, type: 'image/jpeg' }]);
      expect(res.status).toBe(303);
      const folio = res.headers.location.split('/').pop()!;
      const [att] = await t.dataSource.query(`SELECT a.id, a.storage_key, a.content_type FROM case_attachments a JOIN cases c ON c.id = a.case_id WHERE c.folio = $1`, [folio]);
      expect(att.content_type).toBe('image/jpeg');
      const clean = await t.app.get(FileStorage).read(att.storage_key);
      expect(clean.includes('<script')).toBe(false);
      expect((await sharp(clean).metadata()).width).toBe(320);

      const served = await binary(agent.get(`/seguimiento/${folio}/adjuntos/${att.id}`));
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('image/jpeg');
      expect(served.headers['content-disposition']).toMatch(/^inline/);
      expectSandboxed(served.headers);
      expect((served.body as Buffer).includes('<script')).toBe(false);

      const staff = t.agent();
      const u = await t.factories.user('admin');
      await login(staff, u.email, u.password);
      const forStaff = await binary(staff.get(`/casos/${folio}/adjuntos/${att.id}`));
      expect(forStaff.status).toBe(200);
      expectSandboxed(forStaff.headers);
    });

    it('serves a PDF with JavaScript only as a sandboxed download', async () => {
      const agent = t.agent();
      const res = await fileRequest(agent, fields(), [{ name: 'croquis.pdf', content: pdfWithJavaScript(), type: 'application/pdf' }]);
      expect(res.status).toBe(303);
      const folio = res.headers.location.split('/').pop()!;
      const [att] = await t.dataSource.query(`SELECT a.id FROM case_attachments a JOIN cases c ON c.id = a.case_id WHERE c.folio = $1`, [folio]);
      const served = await binary(agent.get(`/seguimiento/${folio}/adjuntos/${att.id}`));
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toBe('application/pdf');
      expect(served.headers['content-disposition']).toMatch(/^attachment; filename="croquis.pdf"/);
      expectSandboxed(served.headers);
    });
  });

  describe('the media bank', () => {
    let press: ReturnType<TestApp['agent']>;
    let csrf: string;
    const count = async () => ((await t.dataSource.query('SELECT count(*)::int AS n FROM media_assets')) as { n: number }[])[0].n;
    const upload = (name: string, content: Buffer, json = true) => {
      const r = press.post(`/banco/subir`).field('_csrf', csrf);
      if (json) r.set('Accept', 'application/json');
      return r.field('rights', 'free').attach('files', content, name);
    };

    beforeAll(async () => {
      const u = await t.factories.user('press');
      press = t.agent();
      await login(press, u.email, u.password);
      csrf = csrfFrom((await press.get('/banco/subir')).text);
    });

    it('refuses a decompression bomb and a gigapixel header from their headers, with the size in the message, storing nothing', async () => {
      const before = { rows: await count(), stored: storedFiles().length };
      const bomb = await upload('mapa.png', pngBomb());
      expect(bomb.status).toBe(422);
      expect(bomb.body.accepted).toEqual([]);
      expect(bomb.body.refused[0].message).toBe('La imagen mide 16000 × 16000 píxeles: pasa del máximo de 100 megapíxeles. No se guardó.');
      const huge = await upload('foto.png', pngClaimingHugeSize(), false);
      expect(huge.status).toBe(422);
      expect(decode(huge.text)).toContain('La imagen mide 100000 × 100000 píxeles: pasa del máximo de 100 megapíxeles. No se guardó.');
      expect(huge.text).toContain('foto.png');
      expect({ rows: await count(), stored: storedFiles().length }).toEqual(before);
    });

    it('refuses an SVG with a script', async () => {
      const before = await count();
      const res = await upload('logo.svg', SVG_WITH_SCRIPT);
      expect(res.status).toBe(422);
      expect(res.body.refused[0].message).toContain('no es una fotografía, audio, video ni documento admitido');
      expect(await count()).toBe(before);
    });

    it('keeps a GIF with a script appended as a photo, and a PDF with JavaScript as a document, both sandboxed', async () => {
      const res = await upload('animacion.gif', await gifWithScript());
      expect(res.status).toBe(200);
      const id = res.body.accepted[0].id;
      const original = await binary(press.get(`/banco/${id}/original`));
      expect(original.status).toBe(200);
      expect(original.headers['content-type']).toBe('image/gif');
      expectSandboxed(original.headers);
      const web = await binary(press.get(`/banco/${id}/web`));
      expect(web.headers['content-type']).toBe('image/jpeg');
      expect((web.body as Buffer).includes('<script')).toBe(false);

      const pdf = await upload('programa.pdf', pdfWithJavaScript());
      expect(pdf.status).toBe(200);
      const doc = await binary(press.get(`/banco/${pdf.body.accepted[0].id}/original`));
      expect(doc.status).toBe(200);
      expect(doc.headers['content-type']).toBe('application/pdf');
      expect(doc.headers['content-disposition']).toMatch(/^attachment/);
      expectSandboxed(doc.headers);
    });
  });
});
