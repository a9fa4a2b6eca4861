import { createTestApp, TestApp } from '../support/app';
import { actionCsrf, fileRequest, jpegWithGps, receiptCode, seedCategory } from '../support/cases';

const decode = (html: string) => html.replace(/&#x27;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&');

describe('cases: bad input gets a Spanish message beside the field and saves nothing', () => {
  let t: TestApp;
  let categoryId: number;
  const valid = () => ({ type: 'service_request', categoryId: String(categoryId), description: 'Hay un bache grande frente a la escuela.', locality: 'Chuchupe' });
  const count = async () => (await t.dataSource.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM case_attachments)::int AS files, (SELECT count(*) FROM case_events)::int AS events`))[0];
  const errorBeside = (html: string, field: string) => new RegExp(`<p class="error" id="f-${field}-error"[^>]*>([^<]+)</p>`).exec(html)?.[1];

  beforeAll(async () => {
    t = await createTestApp({ FILINGS_PER_HOUR: '4', TRACKING_ATTEMPTS_PER_10_MIN: '6' });
    categoryId = (await seedCategory(t, { name: 'Bacheo' })).category.id;
  });
  afterAll(async () => {
    await t?.close();
    delete process.env.FILINGS_PER_HOUR;
    delete process.env.TRACKING_ATTEMPTS_PER_10_MIN;
  });

  it('refuses missing required fields, keeping what was typed', async () => {
    const res = await fileRequest(t.agent(), { type: '', categoryId: '', description: '', locality: '', contactName: 'Juan Pérez', consent: '' });
    expect(res.status).toBe(422);
    expect(decode(errorBeside(res.text, 'type')!)).toBe('Elija el tipo de solicitud.');
    expect(decode(errorBeside(res.text, 'categoryId')!)).toBe('Elija un tema de la lista.');
    expect(errorBeside(res.text, 'description')).toBe('Describa su solicitud.');
    expect(errorBeside(res.text, 'locality')).toContain('Escriba la localidad');
    expect(errorBeside(res.text, 'consent')).toBe('Para continuar, acepte el aviso de privacidad.');
    expect(res.text).toContain('value="Juan Pérez"');
    expect(await count()).toEqual({ cases: 0, files: 0, events: 0 });
  });

  it('refuses a 4,001-character description', async () => {
    const res = await fileRequest(t.agent(), { ...valid(), description: 'a'.repeat(4001) });
    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'description')).toBe('La descripción es obligatoria y puede tener hasta 4,000 caracteres.');
    expect((await count()).cases).toBe(0);
  });

  it('refuses an unknown category', async () => {
    const res = await fileRequest(t.agent(), { ...valid(), categoryId: '999999' });
    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'categoryId')).toBe('Elija un tema de la lista.');
    expect((await count()).cases).toBe(0);
  });

  it('refuses an .exe renamed .jpg, a 30 MB file and six files, by content and size', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff', 'latin1'), Buffer.alloc(400, 0)]);
    exe.write('PE\0\0', 0x80, 'latin1');
    exe.writeUInt32LE(0x80, 0x3c);
    let res = await fileRequest(t.agent(), valid(), [{ name: 'foto.jpg', content: exe, type: 'image/jpeg' }]);
    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'attachments')).toContain('Solo se aceptan fotos JPEG, PNG o WebP y documentos PDF');

    const big = Buffer.alloc(30 * 1024 * 1024, 0);
    (await jpegWithGps()).copy(big);
    res = await fileRequest(t.agent(), valid(), [{ name: 'grande.jpg', content: big, type: 'image/jpeg' }]);
    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'attachments')).toBe('Cada archivo puede pesar hasta 10 MB.');
    expect(res.text).toContain('Hay un bache grande frente a la escuela.'); // the other fields are kept

    const photo = await jpegWithGps();
    res = await fileRequest(t.agent(), valid(), Array.from({ length: 6 }, (_, i) => ({ name: `f${i}.jpg`, content: photo, type: 'image/jpeg' })));
    expect(res.status).toBe(422);
    expect(errorBeside(res.text, 'attachments')).toBe('Puede adjuntar hasta 5 archivos.');
    expect(await count()).toEqual({ cases: 0, files: 0, events: 0 });
  });

  it('refuses a forged CSRF token, a filled honeypot and a missing proof of work', async () => {
    let res = await fileRequest(t.agent(), valid(), [], { csrf: 'forjado.forjado' });
    expect(res.status).toBe(403);
    expect(res.text).toContain('El formulario caducó o no es válido');

    res = await fileRequest(t.agent(), { ...valid(), website: 'http://spam.example' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('No pudimos recibir la solicitud');

    res = await fileRequest(t.agent(), { ...valid(), challengeAnswer: '1000' }, [], { pow: false });
    expect(res.status).toBe(422);
    expect(res.text).toContain('La verificación no es correcta o caducó');
    expect((await count()).cases).toBe(0);
  });

  it('works with JavaScript off by answering the sum instead of the proof of work', async () => {
    const agent = t.agent();
    const page = await agent.get('/solicitudes/nueva');
    const [, a, b] = /¿cuánto es (\d+) \+ (\d+)\?/.exec(page.text)!;
    const token = /name="challengeToken" value="([^"]+)"/.exec(page.text)![1];
    const req = agent.post(`/solicitudes/nueva`).field('_csrf', actionCsrf(page.text));
    for (const [k, v] of Object.entries({ ...valid(), consent: 'on', challengeToken: token, challengeAnswer: String(Number(a) + Number(b)) })) req.field(k, v);
    const res = await req;
    expect(res.status).toBe(303);
    expect((await count()).cases).toBe(1);
  });

  it('stores <script>, quotes, SQL and emoji as typed and shows them escaped', async () => {
    const nasty = `<script>alert("x")</script> O'Brien "comillas" '; DROP TABLE cases; -- 🚧🕳️`;
    const agent = t.agent();
    const res = await fileRequest(agent, { ...valid(), description: nasty, street: nasty.slice(0, 100) });
    expect(res.status).toBe(303);
    const folio = res.headers.location.split('/').pop();
    const [row] = await t.dataSource.query(`SELECT description FROM cases WHERE folio = $1`, [folio]);
    expect(row.description).toBe(nasty);
    const tracking = await agent.get(`/seguimiento/${folio}`);
    expect(tracking.text).not.toContain('<script>alert');
    expect(tracking.text).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(tracking.text).toContain('🚧🕳️');
  });

  it('gives one message for a wrong folio or a code of another folio, and limits guessing', async () => {
    const agent = t.agent();
    const first = await fileRequest(agent, valid());
    const folioA = first.headers.location.split('/').pop()!;
    const second = await fileRequest(agent, valid());
    const folioB = second.headers.location.split('/').pop()!;
    const codeB = receiptCode((await agent.get(second.headers.location)).text);
    const other = t.agent();
    const page = await other.get('/seguimiento');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];
    const post = (folio: string, code: string) => other.post('/seguimiento').type('form').send({ folio, code, _csrf: csrf });

    const wrongCode = await post(folioA, codeB);
    const wrongFolio = await post('AC-2031-000777', codeB);
    expect(wrongCode.status).toBe(422);
    expect(wrongFolio.status).toBe(422);
    const message = (html: string) => /<p class="error" id="f-code-error">([^<]+)<\/p>/.exec(html)?.[1];
    expect(message(wrongCode.text)).toBe('No encontramos una solicitud con ese folio y código. Revise ambos datos en su acuse.');
    expect(message(wrongFolio.text)).toBe(message(wrongCode.text));

    const right = await post(folioB, codeB.toLowerCase().replace(/-/g, ''));
    expect(right.status).toBe(303);
    expect(right.headers.location).toBe(`/seguimiento/${folioB}`);

    let last = right;
    for (let i = 0; i < 4; i++) last = await post(folioA, codeB);
    expect(last.status).toBe(429);
    expect(last.text).toContain('Demasiados intentos desde esta conexión');
  });

  it('limits filings per address per hour', async () => {
    // Four filings were accepted above (sum, nasty text, two for tracking); the limit is 4.
    const res = await fileRequest(t.agent(), valid());
    expect(res.status).toBe(429);
    expect(res.text).toContain('Se han enviado muchas solicitudes desde esta conexión');
    expect((await count()).cases).toBe(4);
  });
});
