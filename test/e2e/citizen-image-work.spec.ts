import sharp from 'sharp';
import { imageQueue } from '../../src/common/images';
import { createTestApp, TestApp } from '../support/app';
import { actionCsrf, fileRequest, seedCategory, solvePow } from '../support/cases';
import { pngClaiming } from '../support/hostile-files';

const decode = (html: string) => html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/&#x3D;/g, '=');
const errorBeside = (html: string, field: string) => new RegExp(`<p class="error" id="f-${field}-error"[^>]*>([^<]+)</p>`).exec(html)?.[1];

/**
 * The public form is anonymous: decoding a stranger's photo is the most expensive thing it does,
 * so it comes last, after CSRF, the honeypot, the proof of work and the filing limit, and only
 * for images whose header is within the citizen limit (40 MP). The evidence is the image queue's
 * own count of decodes started, not timing.
 */
describe('image work on the public form comes after every cheaper check (issue 15 M1)', () => {
  let t: TestApp;
  let categoryId: number;
  let photo: Buffer;

  beforeAll(async () => {
    t = await createTestApp({ FILINGS_PER_HOUR: '2' });
    categoryId = (await seedCategory(t, { name: 'Baches' })).category.id;
    photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#468' } }).jpeg().toBuffer();
  });
  afterAll(async () => {
    await t?.close();
    delete process.env.FILINGS_PER_HOUR;
  });

  const fields = () => ({ type: 'report', categoryId: String(categoryId), description: 'Bache profundo frente a la escuela.', locality: 'Chuchupe' });
  const photos = () => [1, 2, 3].map((i) => ({ name: `bache-${i}.jpg`, content: photo, type: 'image/jpeg' }));

  it('decodes nothing for a request without a valid proof of work', async () => {
    const before = imageQueue.started;
    const res = await fileRequest(t.agent(), fields(), photos(), { pow: false });
    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'challengeAnswer')).toBeTruthy();
    expect(imageQueue.started).toBe(before);
  });

  it('decodes nothing for a request whose proof of work was already spent', async () => {
    const agent = t.agent();
    const page = await agent.get('/solicitudes/nueva');
    const altcha = solvePow(page.text);
    const post = () => {
      const r = agent.post('/solicitudes/nueva');
      for (const [k, v] of Object.entries({ ...fields(), consent: 'on', altcha, description: '', _csrf: actionCsrf(page.text) })) r.field(k, v);
      return r.attach('attachments', photo, { filename: 'bache.jpg', contentType: 'image/jpeg' });
    };
    await post(); // spends the solution (the form is refused for its blank description)
    const before = imageQueue.started;
    const again = await post();
    expect(again.status).toBe(422);
    expect(errorBeside(again.text, 'challengeAnswer')).toBeTruthy();
    expect(imageQueue.started).toBe(before);
  });

  it('decodes nothing for a request without a valid CSRF token', async () => {
    const before = imageQueue.started;
    const res = await fileRequest(t.agent(), fields(), photos(), { csrf: 'falso' });
    expect(res.status).toBe(403);
    expect(imageQueue.started).toBe(before);
  });

  it('refuses by header an image over 40 megapixels, decoding nothing', async () => {
    const before = imageQueue.started;
    const res = await fileRequest(t.agent(), fields(), [{ name: 'foto.jpg', content: photo, type: 'image/jpeg' }, { name: 'grande.png', content: pngClaiming(8000, 6000), type: 'image/png' }]);
    expect(res.status).toBe(422);
    expect(decode(errorBeside(res.text, 'attachments') ?? '')).toContain('40 megapíxeles');
    expect(imageQueue.started).toBe(before);
  });

  it('decodes a good photo once everything else passed, and nothing once the address reached its filing limit', async () => {
    const agent = t.agent();
    let before = imageQueue.started;
    for (let i = 0; i < 2; i++) expect((await fileRequest(agent, fields(), [{ name: 'bache.jpg', content: photo, type: 'image/jpeg' }])).status).toBe(303);
    // Each accepted photo is decoded twice in the queue: its clean copy, then its thumbnail.
    expect(imageQueue.started).toBe(before + 4);
    before = imageQueue.started;
    const res = await fileRequest(agent, fields(), photos());
    expect(res.status).toBe(429);
    expect(imageQueue.started).toBe(before);
  });
});
