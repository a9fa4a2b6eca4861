import sharp from 'sharp';
import { OutboxWorker } from '../../src/notifications/outbox.worker';
import { CasesService } from '../../src/cases/cases.service';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';
import { seedCategory } from '../support/cases';
import { TestSmtpServer } from '../support/smtp';

describe('cases: staff triage, route, answer; liaisons see only their department', () => {
  const smtp = new TestSmtpServer();
  let t: TestApp;
  let cases: CasesService;
  let waste: Awaited<ReturnType<typeof seedCategory>>;
  let lights: Awaited<ReturnType<typeof seedCategory>>;
  let attention: Awaited<ReturnType<TestApp['factories']['user']>>;
  let liaisonWaste: typeof attention;
  let liaisonLights: typeof attention;
  const citizen = () => cases.citizenActor('127.0.0.1');
  const file = (description: string, categoryId: number, extra: Record<string, unknown> = {}) =>
    cases.file({ type: 'complaint', categoryId, description, locality: 'Tampacán (cabecera municipal)', consent: true, channel: 'web', privacyVersion: '2026-01', ...extra }, [], citizen());
  const version = (html: string) => /name="version" value="(\d+)"/.exec(html)![1];
  // One signed-in browser per person (logins are rate-limited per account).
  const agents = new Map<number, ReturnType<TestApp['agent']>>();
  const staff = async (u: typeof attention) => {
    if (!agents.has(u.id)) {
      const agent = t.agent();
      await login(agent, u.email, u.password);
      agents.set(u.id, agent);
    }
    return agents.get(u.id)!;
  };
  const act = async (agent: ReturnType<TestApp['agent']>, folio: string, path: string, fields: Record<string, string>) => {
    const page = await agent.get(`/casos/${folio}`);
    return agent.post(`/casos/${folio}/${path}`).type('form').send({ ...fields, version: version(page.text), _csrf: csrfFrom(page.text) });
  };

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    cases = t.app.get(CasesService);
    waste = await seedCategory(t, { name: 'Recolección de basura', departmentName: 'Servicios Municipales' });
    lights = await seedCategory(t, { name: 'Alumbrado público', departmentName: 'Obras Públicas' });
    attention = await t.factories.user('attention');
    liaisonWaste = await t.factories.user('liaison', { departmentId: waste.department.id });
    liaisonLights = await t.factories.user('liaison', { departmentId: lights.department.id });
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
    delete process.env.SMTP_URL;
  });

  it('gives 30 filings at once distinct, gap-free folios', async () => {
    const receipts = await Promise.all(Array.from({ length: 30 }, (_, i) => file(`Solicitud de prueba número ${i}`, lights.category.id)));
    const seqs = receipts.map((r) => Number(r.folio.slice(-6))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(receipts.map((r) => r.code)).size).toBe(30);
  });

  it('finds cases by words without accents or case, and by folio; counts per status', async () => {
    const a = await file('Basura en la calle Juárez, nadie pasa a recogerla', waste.category.id, { contactEmail: 'vecino@ejemplo.mx', contactName: 'Pedro Ramírez' });
    await file('Falla de alumbrádo en la plaza de Tanchanaco', lights.category.id, { locality: 'Tanchanaco' });
    const agent = await staff(attention);
    let res = await agent.get('/casos?q=basura');
    expect(res.status).toBe(200);
    expect(res.text).toContain(a.folio);
    expect(res.text).not.toContain('Falla de alumbrádo');
    res = await agent.get('/casos?q=JUAREZ');
    expect(res.text).toContain(a.folio);
    res = await agent.get('/casos?q=alumbrado%20tanchanaco');
    expect(res.text).toContain('Falla de alumbrádo');
    res = await agent.get(`/casos?q=${encodeURIComponent("alumb & tanch:* | !')")}`); // prefixes; operators typed are ignored
    expect(res.status).toBe(200);
    expect(res.text).toContain('Falla de alumbrádo');
    res = await agent.get(`/casos?q=${a.folio.toLowerCase()}`);
    expect(res.text).toContain(a.folio);
    expect(res.text).toMatch(/Recibida: <strong>1<\/strong>/);
    res = await agent.get('/casos');
    res.text = res.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    expect(res.text).toMatch(/Recibida: <strong>32<\/strong>/);
    // Keyset pages: the "more" link carries the last row's key, never an offset.
    expect(res.text).toMatch(/href="\/casos\?despues=[^"]+"/);
    const next = await agent.get(/href="(\/casos\?despues=[^"]+)"/.exec(res.text)![1]);
    expect(next.status).toBe(200);
    expect(next.text).toContain('Solicitud de prueba número');
    for (const view of ['sin_asignar', 'mios', 'vencidos', 'por_vencer']) expect((await agent.get(`/casos?vista=${view}`)).status).toBe(200);
    expect((await agent.get('/casos?orden=plazo&estado=received')).status).toBe(200);
    expect((await agent.get('/casos?orden=prioridad')).status).toBe(200);
  });

  it('ranks a text search by relevance when asked, and pages through it by keyset', async () => {
    const dense = await file('Luminaria apagada: la luminaria de la esquina, otra luminaria fundida y una luminaria rota', lights.category.id);
    const sparse = await file('Un poste inclinado junto a la luminaria del parque', lights.category.id);
    const agent = await staff(attention);
    const byDate = (await agent.get('/casos?q=luminaria')).text;
    expect(byDate.indexOf(sparse.folio)).toBeLessThan(byDate.indexOf(dense.folio)); // newest first
    const ranked = (await agent.get('/casos?q=luminaria&orden=relevancia')).text;
    expect(ranked.indexOf(dense.folio)).toBeGreaterThan(-1);
    expect(ranked.indexOf(dense.folio)).toBeLessThan(ranked.indexOf(sparse.folio));
    // The 30 "Solicitud de prueba" cases: 25 on the first page, the other 5 behind "Ver más", none twice.
    const folios = (html: string) => [...html.matchAll(/href="\/casos\/(AC-\d{4}-\d{6})"/g)].map((m) => m[1]);
    const first = await agent.get('/casos?q=prueba&orden=relevancia');
    const html = first.text.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
    const more = /href="(\/casos\?[^"]*despues=[^"]+)"/.exec(html)![1];
    expect(more).toContain('orden=relevancia');
    const second = await agent.get(more);
    const seen = [...folios(first.text), ...folios(second.text)];
    expect(new Set(seen).size).toBe(30);
    expect(seen).toHaveLength(30);
  });

  it('routes (reason needed to override), the liaison replies, the citizen gets the email and sees it', async () => {
    const r = await file('Se acumula la basura en el mercado municipal', waste.category.id, { contactEmail: 'dona.chela@ejemplo.mx' });
    const agent = await staff(attention);
    const liaisonA = await staff(liaisonWaste);
    const liaisonB = await staff(liaisonLights);

    // Before routing, the department's liaison does not see it.
    expect((await liaisonA.get(`/casos/${r.folio}`)).status).toBe(404);

    let res = await act(agent, r.folio, 'turnar', { departmentId: String(lights.department.id), reason: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('explique por qué se turna aquí');
    res = await act(agent, r.folio, 'turnar', { departmentId: String(waste.department.id) });
    expect(res.status).toBe(303);

    expect((await liaisonA.get('/casos')).text).toContain(r.folio);
    expect((await liaisonB.get('/casos')).text).not.toContain(r.folio);
    expect((await liaisonB.get(`/casos/${r.folio}`)).status).toBe(404);
    const page = await liaisonA.get(`/casos/${r.folio}`);
    expect(page.text).not.toContain('dona.chela@ejemplo.mx'); // contact data only for roles that need it
    expect((await agent.get(`/casos/${r.folio}`)).text).toContain('dona.chela@ejemplo.mx');

    // A liaison cannot route or act on another department's case.
    expect((await act(liaisonB, r.folio, 'nota', { body: 'No es nuestro' }).catch(() => ({ status: 404 }))).status).toBe(404);

    res = await act(liaisonA, r.folio, 'responder', { body: 'Mañana a primera hora pasa el camión recolector.' });
    expect(res.status).toBe(303);
    await t.app.get(OutboxWorker).drain();
    const mails = smtp.to('dona.chela@ejemplo.mx');
    expect(mails.map((m) => m.parsed.subject)).toEqual([`Acuse de recibo: solicitud ${r.folio}`, `Respuesta a su solicitud ${r.folio}`]);
    expect(mails[1].parsed.text).toContain('Mañana a primera hora pasa el camión recolector.');

    // The citizen sees the reply on the tracking page.
    const citizenAgent = t.agent();
    const trackPage = await citizenAgent.get('/seguimiento');
    const tracked = await citizenAgent.post('/seguimiento').type('form').send({ folio: r.folio, code: r.code, _csrf: csrfFrom(trackPage.text) });
    expect(tracked.status).toBe(303);
    const view = await citizenAgent.get(tracked.headers.location);
    expect(view.text).toContain('Mañana a primera hora pasa el camión recolector.');
    expect(view.text).not.toContain('nota interna de prueba');

    // A move the rules do not allow is refused with a clear message.
    res = await act(liaisonA, r.folio, 'estado', { status: 'closed' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Como enlace puede iniciar, resolver o devolver a revisión');

    res = await act(liaisonA, r.folio, 'estado', { status: 'resolved', note: 'Se recogió la basura del mercado.' });
    expect(res.status).toBe(303);
    await t.app.get(OutboxWorker).drain();
    expect(smtp.to('dona.chela@ejemplo.mx').map((m) => m.parsed.subject)).toContain(`Su solicitud ${r.folio} fue resuelta`);

    // The citizen rates it, and it shows on the case.
    const afterResolve = await citizenAgent.get(`/seguimiento/${r.folio}`);
    res = await citizenAgent.post(`/seguimiento/${r.folio}/encuesta`).type('form').send({ score: '5', comment: 'Muy rápido, gracias', _csrf: csrfFrom(afterResolve.text) });
    expect(res.status).toBe(303);
    const [row] = await t.dataSource.query(`SELECT satisfaction_score, status, first_response_at FROM cases WHERE folio = $1`, [r.folio]);
    expect(row.satisfaction_score).toBe(5);
    expect(row.first_response_at).toBeTruthy();

    // Reopened within 15 days with a reason.
    const again = await citizenAgent.get(`/seguimiento/${r.folio}`);
    res = await citizenAgent.post(`/seguimiento/${r.folio}/reabrir`).type('form').send({ reason: 'Volvieron a tirar basura.', _csrf: csrfFrom(again.text) });
    expect(res.status).toBe(303);
    expect((await t.dataSource.query(`SELECT status FROM cases WHERE folio = $1`, [r.folio]))[0].status).toBe('reopened');

    const actions = (await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [r.folio])).map((a: { action: string }) => a.action);
    expect(actions).toEqual(['case.create', 'case.route', 'case.reply', 'case.status', 'case.survey', 'case.reopen']);
  });

  it('refuses the second of two concurrent edits with the fresh case shown', async () => {
    const r = await file('Fuga de agua en la calle Hidalgo', waste.category.id);
    const one = await staff(attention);
    const two = t.agent();
    await login(two, attention.email, attention.password);
    const pageOne = await one.get(`/casos/${r.folio}`);
    const pageTwo = await two.get(`/casos/${r.folio}`);
    const first = await one.post(`/casos/${r.folio}/nota`).type('form').send({ body: 'Llamé al vecino.', version: version(pageOne.text), _csrf: csrfFrom(pageOne.text) });
    expect(first.status).toBe(303);
    const second = await two.post(`/casos/${r.folio}/clasificar`).type('form').send({ type: 'report', categoryId: String(lights.category.id), priority: '4', version: version(pageTwo.text), _csrf: csrfFrom(pageTwo.text) });
    expect(second.status).toBe(409);
    expect(second.text).toContain('Este caso cambió mientras lo editaba');
    expect(second.text).toContain('Llamé al vecino.'); // the fresh case
    const [row] = await t.dataSource.query(`SELECT type, priority, category_id FROM cases WHERE folio = $1`, [r.folio]);
    expect(row).toEqual({ type: 'complaint', priority: 2, category_id: waste.category.id });
  });

  it('refuses to resolve a case without the answer for the citizen, beside the field (issue 16 item 17)', async () => {
    const r = await file('Lámpara fundida en la plaza', lights.category.id, { contactEmail: 'vecina@ejemplo.mx' });
    const agent = await staff(attention);
    expect((await act(agent, r.folio, 'turnar', { departmentId: String(lights.department.id) })).status).toBe(303);
    const res = await act(agent, r.folio, 'estado', { status: 'resolved', note: '' });
    expect(res.status).toBe(422);
    expect(/<p class="error" id="status-note-error"[^>]*>([^<]+)<\/p>/.exec(res.text)?.[1]).toContain('Escriba la respuesta');
    const [row] = await t.dataSource.query(`SELECT status FROM cases WHERE folio = $1`, [r.folio]);
    expect(row.status).toBe('routed');
    const ok = await act(agent, r.folio, 'estado', { status: 'resolved', note: 'Se cambió la lámpara el martes.' });
    expect(ok.status).toBe(303);
  });

  it('lets a liaison send a case back to triage with a reason; it leaves their queue', async () => {
    const r = await file('Poste de luz caído', waste.category.id);
    const agent = await staff(attention);
    expect((await act(agent, r.folio, 'turnar', { departmentId: String(waste.department.id) })).status).toBe(303);
    const liaison = await staff(liaisonWaste);
    let res = await act(liaison, r.folio, 'estado', { status: 'in_review', note: '' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Escriba el motivo');
    res = await act(liaison, r.folio, 'estado', { status: 'in_review', note: 'Es de alumbrado, no de limpia.' });
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe('/casos');
    expect((await liaison.get('/casos')).text).not.toContain(r.folio);
    const [row] = await t.dataSource.query(`SELECT status, department_id FROM cases WHERE folio = $1`, [r.folio]);
    expect(row).toEqual({ status: 'in_review', department_id: null });
    expect((await agent.get(`/casos/${r.folio}`)).text).toContain('Es de alumbrado, no de limpia.');
  });

  it('marks a duplicate: both linked, the citizen told which folio to follow', async () => {
    const original = await file('Bache enorme en la carretera a Tancuilín', lights.category.id, { locality: 'Tancuilín' });
    const dup = await file('Hay un bache enorme en la carretera a Tancuilín', lights.category.id, { locality: 'Tancuilín', contactEmail: 'otro@ejemplo.mx' });
    const agent = await staff(attention);
    const page = await agent.get(`/casos/${dup.folio}`);
    expect(page.text).toContain(original.folio); // similar open cases at triage
    const res = await act(agent, dup.folio, 'duplicado', { original: original.folio });
    expect(res.status).toBe(303);
    expect((await agent.get(`/casos/${original.folio}`)).text).toContain(dup.folio);
    await t.app.get(OutboxWorker).drain();
    expect(smtp.to('otro@ejemplo.mx').map((m) => m.parsed.subject)).toContain(`Su solicitud ${dup.folio} se atiende en el folio ${original.folio}`);
    // The duplicate's citizen follows the original's answers from their own tracking page.
    expect((await act(agent, original.folio, 'responder', { body: 'La cuadrilla bachea la carretera el jueves.' })).status).toBe(303);
    const citizenAgent = t.agent();
    const form = await citizenAgent.get('/seguimiento');
    const tracked = await citizenAgent.post('/seguimiento').type('form').send({ folio: dup.folio, code: dup.code, _csrf: csrfFrom(form.text) });
    const view = await citizenAgent.get(tracked.headers.location);
    expect(view.text).toContain(`Avance del folio ${original.folio}`);
    expect(view.text).toContain('La cuadrilla bachea la carretera el jueves.');
  });

  it('shows as similar an open case within 150 m, even of another topic and wording', async () => {
    const near = await file('Cable de luz colgando sobre la banqueta', lights.category.id, { locality: 'Xolol', latitude: 21.40123, longitude: -98.75012 });
    const here = await file('Perro atropellado frente a la tienda', waste.category.id, { locality: 'Ejido La Ceiba', latitude: 21.40190, longitude: -98.75080 }); // ~100 m away
    const far = await file('Árbol caído en la carretera', waste.category.id, { locality: 'Tenexio', latitude: 21.41000, longitude: -98.76000 }); // ~1.4 km away
    const agent = await staff(attention);
    const page = await agent.get(`/casos/${here.folio}`);
    expect(page.text).toContain(near.folio);
    expect(page.text).toContain('a menos de 150 m');
    expect(page.text).not.toContain(far.folio);
  });

  it('lets staff attach photos to a case; a wrong file is refused beside the field', async () => {
    const r = await file('Lámpara rota en el parque', lights.category.id);
    const agent = await staff(attention);
    const post = async (files: { name: string; content: Buffer }[]) => {
      const page = await agent.get(`/casos/${r.folio}`);
      const csrf = csrfFrom(page.text);
      const req = agent.post(`/casos/${r.folio}/adjuntos`).field('_csrf', csrf).field('version', version(page.text));
      for (const f of files) req.attach('attachments', f.content, f.name);
      return req;
    };
    let res = await post([{ name: 'nota.jpg', content: Buffer.from('esto no es una imagen') }]);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Solo se aceptan fotos JPEG, PNG o WebP');
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fc0' } }).png().toBuffer();
    res = await post([{ name: 'reparación.png', content: png }]);
    expect(res.status).toBe(303);
    const page = await agent.get(`/casos/${r.folio}`);
    const id = /href="\/casos\/[^/]+\/adjuntos\/(\d+)"/.exec(page.text)![1];
    const img = await agent.get(`/casos/${r.folio}/adjuntos/${id}`);
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    const liaisonB = await staff(liaisonWaste);
    expect((await liaisonB.get(`/casos/${r.folio}/adjuntos/${id}`)).status).toBe(404);
  });

  it('takes a request at the counter with its channel, and exports the list', async () => {
    const agent = await staff(attention);
    const form = await agent.get('/casos/nueva');
    expect(form.status).toBe(200);
    const csrf = csrfFrom(form.text);
    const req = agent.post(`/casos/nueva`).field('_csrf', csrf);
    for (const [k, v] of Object.entries({ channel: 'hearing', type: 'petition', categoryId: String(lights.category.id), description: 'Piden luminarias para la cancha de El Limón', locality: 'El Limón', consent: 'on' })) req.field(k, v);
    const res = await req;
    expect(res.status).toBe(303);
    const receipt = await agent.get(res.headers.location);
    expect(receipt.text).toContain('Código de seguimiento');
    const [row] = await t.dataSource.query(`SELECT channel, created_by_id FROM cases WHERE description LIKE 'Piden luminarias%'`);
    expect(row).toEqual({ channel: 'hearing', created_by_id: attention.id });

    const csv = await agent.get('/casos/exportar.csv?q=luminarias');
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Piden luminarias para la cancha de El Limón');
    expect(csv.text).toContain('Audiencia pública');
    const xlsx = await agent.get('/casos/exportar.xlsx').buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    });
    expect(xlsx.status).toBe(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });
});
