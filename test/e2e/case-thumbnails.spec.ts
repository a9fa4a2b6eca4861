import sharp from 'sharp';
import request from 'supertest';
import { EventAttachmentsService } from '../../src/agenda/event-attachments.service';
import { createTestApp, login, TestApp } from '../support/app';
import { fileRequest, seedCategory } from '../support/cases';
import { agendaEvent } from '../support/media';

const binary = (req: request.Test) =>
  req.buffer(true).parse((r, cb) => {
    const c: Buffer[] = [];
    r.on('data', (d: Buffer) => c.push(d));
    r.on('end', () => cb(null, Buffer.concat(c)));
  });

/** A phone photo as it arrives: 12 megapixels of detail, several megabytes. */
const phonePhoto = () =>
  sharp({ create: { width: 4000, height: 3000, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .jpeg({ quality: 85 })
    .toBuffer();

/** The first <img> of a page whose address starts with `prefix`. */
const imgSrc = (html: string, prefix: string) => new RegExp(`<img src="(${prefix.replace(/\//g, '\\/')}[^"]+)"`).exec(html)?.[1];

describe('thumbnails: a list of photos does not load the photos themselves', () => {
  let t: TestApp;
  let folio: string;
  let attachmentBytes: number;
  let citizen: ReturnType<TestApp['agent']>;
  let staff: ReturnType<TestApp['agent']>;

  beforeAll(async () => {
    t = await createTestApp();
    const { category } = await seedCategory(t, { name: 'Bacheo' });
    citizen = t.agent();
    const photo = await phonePhoto();
    expect(photo.length).toBeGreaterThan(2_000_000);
    const res = await fileRequest(citizen, { type: 'report', categoryId: String(category.id), description: 'Bache enorme frente a la escuela primaria.', locality: 'Tancuilín' }, [{ name: 'bache.jpg', content: photo, type: 'image/jpeg' }]);
    expect(res.status).toBe(303);
    folio = res.headers.location.split('/').pop()!;
    [{ size: attachmentBytes }] = await t.dataSource.query(`SELECT a.size FROM case_attachments a JOIN cases c ON c.id = a.case_id WHERE c.folio = $1`, [folio]);
    expect(attachmentBytes).toBeGreaterThan(1_000_000);
    const u = await t.factories.user('attention');
    staff = t.agent();
    await login(staff, u.email, u.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  const small = async (agent: ReturnType<TestApp['agent']>, src: string) => {
    const thumb = await binary(agent.get(src));
    expect(thumb.status).toBe(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.headers['x-content-type-options']).toBe('nosniff');
    const bytes = (thumb.body as Buffer).length;
    expect(bytes).toBeLessThan(attachmentBytes / 20);
    const meta = await sharp(thumb.body as Buffer).metadata();
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(320);
    return bytes;
  };

  it('the tracking page shows a thumbnail far smaller than the photo, and links to the photo', async () => {
    const page = await citizen.get(`/seguimiento/${folio}`);
    expect(page.status).toBe(200);
    const src = imgSrc(page.text, `/seguimiento/${folio}/adjuntos/`)!;
    expect(src).toBeDefined();
    await small(citizen, src);
    expect((await t.agent().get(src)).status).toBe(404); // someone else's browser gets nothing
  });

  it('the staff case page shows a thumbnail far smaller than the photo', async () => {
    const page = await staff.get(`/casos/${folio}`);
    expect(page.status).toBe(200);
    const src = imgSrc(page.text, `/casos/${folio}/adjuntos/`)!;
    expect(src).toBeDefined();
    await small(staff, src);
  });

  it('makes, once, the thumbnail of a photo stored before thumbnails existed', async () => {
    await t.dataSource.query(`UPDATE case_attachments SET thumb_key = NULL`);
    const page = await staff.get(`/casos/${folio}`);
    const src = imgSrc(page.text, `/casos/${folio}/adjuntos/`)!;
    await small(staff, src);
    const [{ thumb_key }] = await t.dataSource.query(`SELECT thumb_key FROM case_attachments`);
    expect(thumb_key).toMatch(/^cases-thumb\//);
    await small(staff, src);
    expect((await t.dataSource.query(`SELECT thumb_key FROM case_attachments`))[0].thumb_key).toBe(thumb_key);
  });

  it('the agenda shows thumbnails of an event\'s photos too', async () => {
    const eventId = await agendaEvent(t);
    const atts = t.app.get(EventAttachmentsService);
    await atts.add(eventId, [{ buffer: await phonePhoto(), filename: 'visita.jpg', contentType: 'image/jpeg', ext: 'jpg' }], { userId: null, label: 'prensa', ip: null, role: 'press' } as never);
    const [{ size }] = await t.dataSource.query(`SELECT size FROM agenda_event_attachments WHERE event_id = $1`, [eventId]);
    attachmentBytes = size;
    const u = await t.factories.user('press');
    const press = t.agent();
    await login(press, u.email, u.password);
    const page = await press.get(`/agenda/eventos/${eventId}`);
    expect(page.status).toBe(200);
    await small(press, imgSrc(page.text, '/agenda/adjuntos/')!);
  });
});
