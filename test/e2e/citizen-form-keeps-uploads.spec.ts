import sharp from 'sharp';
import { createTestApp, TestApp } from '../support/app';
import { actionCsrf, fileRequest, seedCategory, solvePow } from '../support/cases';

/**
 * Issue 16 item 13: a photo that took minutes to upload on a rural link is never dropped
 * because another field was wrong. The server keeps the accepted photo as a pending upload,
 * the form comes back saying it is already attached, and sending the form again files it.
 */
describe('the public form keeps an accepted photo when another field is refused', () => {
  let t: TestApp;
  let categoryId: number;
  let photo: Buffer;

  beforeAll(async () => {
    t = await createTestApp({ FILINGS_PER_HOUR: '50' });
    categoryId = (await seedCategory(t, { name: 'Alumbrado' })).category.id;
    photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#a83' } }).jpeg().toBuffer();
  });
  afterAll(async () => {
    await t?.close();
    delete process.env.FILINGS_PER_HOUR;
  });

  const keptTokens = (html: string) => [...html.matchAll(/name="keptUploads" value="([^"]+)"/g)].map((m) => m[1]);

  it('says the photo is already attached after a refusal, and files it with the corrected form', async () => {
    const agent = t.agent();
    // Consent missing and the description blank: refused, but the photo was fine.
    const first = await fileRequest(agent, { type: 'report', categoryId: String(categoryId), description: '', locality: 'Chuchupe', consent: '' }, [{ name: 'poste-caido.jpg', content: photo, type: 'image/jpeg' }]);
    expect(first.status).toBe(422);
    expect(first.text).toContain('poste-caido.jpg');
    expect(first.text).toMatch(/ya adjunta/i);
    const tokens = keptTokens(first.text);
    expect(tokens).toHaveLength(1);

    // Sent again with the fields right and no file chosen this time: the kept photo is filed.
    const page = first.text;
    const again = agent.post('/solicitudes/nueva');
    for (const [k, v] of Object.entries({ _csrf: actionCsrf(page), type: 'report', categoryId: String(categoryId), description: 'Poste caído frente a la escuela.', locality: 'Chuchupe', consent: 'on', altcha: solvePow(page), keptUploads: tokens[0] })) again.field(k, v);
    const res = await again;
    expect(res.status).toBe(303);
    const folio = /acuse\/(AC-\d{4}-\d{6})/.exec(res.headers.location)![1];
    const files = await t.dataSource.query(`SELECT a.filename FROM case_attachments a JOIN cases c ON c.id = a.case_id WHERE c.folio = $1`, [folio]);
    expect(files).toEqual([{ filename: 'poste-caido.jpg' }]);
  });

  it("never hands one browser's kept photo to another", async () => {
    const first = await fileRequest(t.agent(), { type: 'report', categoryId: String(categoryId), description: '', locality: 'Chuchupe' }, [{ name: 'mia.jpg', content: photo, type: 'image/jpeg' }]);
    const [token] = keptTokens(first.text);
    expect(token).toBeTruthy();
    const stranger = t.agent();
    const res = await fileRequest(stranger, { type: 'report', categoryId: String(categoryId), description: 'Otra cosa.', locality: 'Chuchupe', keptUploads: token });
    expect(res.status).toBe(303);
    const folio = /acuse\/(AC-\d{4}-\d{6})/.exec(res.headers.location)![1];
    expect(await t.dataSource.query(`SELECT a.id FROM case_attachments a JOIN cases c ON c.id = a.case_id WHERE c.folio = $1`, [folio])).toEqual([]);
  });
});
