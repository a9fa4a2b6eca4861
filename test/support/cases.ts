import { createHash } from 'node:crypto';
import sharp from 'sharp';
import request from 'supertest';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { CategoriesService } from '../../src/departments/categories.service';
import type { TestApp } from './app';

/** A department and a category routed to it, through the app's services. */
export async function seedCategory(t: TestApp, overrides: Partial<{ name: string; deadlineDays: number; departmentName: string; published: boolean; sensitive: boolean }> = {}) {
  const department = await t.factories.department(overrides.departmentName ? { name: overrides.departmentName } : {});
  const category = await t.app.get(CategoriesService).create(
    { name: overrides.name ?? `Tema ${Math.random().toString(36).slice(2, 8)}`, deadlineDays: overrides.deadlineDays ?? 5, defaultDepartmentId: department.id, active: true, published: overrides.published ?? false, sensitive: overrides.sensitive ?? false },
    SYSTEM_ACTOR,
  );
  return { department, category };
}

/** The CSRF token a form carries in its hidden field (multipart forms too: never in the URL). */
export function actionCsrf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('No CSRF field on the page');
  return m[1];
}

/** Solve the form's proof of work as the browser script does (sha256(salt + n) = challenge). */
export function solvePow(html: string): string {
  const attr = (name: string) => new RegExp(`data-${name}="([^"]*)"`).exec(html)?.[1]?.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
  const [algorithm, challenge, salt, signature, max] = ['algorithm', 'challenge', 'salt', 'signature', 'maxnumber'].map(attr);
  if (!challenge || !salt) throw new Error('No proof-of-work challenge on the page');
  for (let n = 0; n <= Number(max); n++) {
    if (createHash('sha256').update(salt + n).digest('hex') === challenge) {
      return Buffer.from(JSON.stringify({ algorithm, challenge, number: n, salt, signature })).toString('base64');
    }
  }
  throw new Error('Proof of work not solvable');
}

/** A small JPEG that carries GPS coordinates and an author in its EXIF. */
export function jpegWithGps(): Promise<Buffer> {
  return sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a6' } })
    .jpeg()
    .withExif({ IFD0: { Artist: 'Vecina de Tancuilín' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 24/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '98/1 45/1 0/1' } })
    .toBuffer();
}

export type Upload = { name: string; content: Buffer; type?: string };

/** GET the public form, then POST it as a browser with JavaScript would (proof of work solved). */
export async function fileRequest(agent: request.Agent, fields: Record<string, string>, files: Upload[] = [], opts: { pow?: boolean; csrf?: string } = {}) {
  const page = await agent.get('/solicitudes/nueva');
  const csrf = opts.csrf ?? actionCsrf(page.text);
  const req = agent.post('/solicitudes/nueva').field('_csrf', csrf);
  const all: Record<string, string> = { consent: 'on', ...fields };
  if (opts.pow !== false) all.altcha = solvePow(page.text);
  for (const [k, v] of Object.entries(all)) req.field(k, v);
  for (const f of files) req.attach('attachments', f.content, { filename: f.name, contentType: f.type ?? 'application/octet-stream' });
  return req;
}

export function receiptCode(html: string): string {
  const m = /<strong class="code">([^<]+)<\/strong>/.exec(html);
  if (!m) throw new Error('No tracking code on the page');
  return m[1];
}
