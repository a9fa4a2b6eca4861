import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { MediaBankService } from '../../src/media-bank/media-bank.service';
import { PressReleasesService } from '../../src/press-releases/press-releases.service';
import { createTestApp, csrfFrom, login, submitForm, TestApp } from '../support/app';
import { agendaEvent, plainJpeg } from '../support/media';

describe('press releases: template, photos, workflow, numbering, versions', () => {
  let t: TestApp;
  let press: ReturnType<TestApp['agent']>;
  let director: ReturnType<TestApp['agent']>;
  let releases: PressReleasesService;
  const photos: number[] = [];
  let blocked: number;
  let eventId: number;
  const year = new Date().getFullYear();
  const asDirector = { userId: null, label: 'directora', ip: null, role: 'director' };
  const asPress = { userId: null, label: 'prensa', ip: null, role: 'press' };
  const draft = (title: string, extra: Record<string, unknown> = {}) => releases.create({ title, place: 'Tampacán, S.L.P.', releaseDate: '2026-03-14', body: 'Texto.', ...extra } as never, asPress);

  beforeAll(async () => {
    t = await createTestApp();
    releases = t.app.get(PressReleasesService);
    eventId = await agendaEvent(t);
    const bank = t.app.get(MediaBankService);
    for (const [i, color] of ['#aa3344', '#3344aa', '#44aa33'].entries()) {
      const r = await bank.ingestBuffer(await plainJpeg(color), `foto-${i}.jpg`, { title: `Entrega de uniformes ${i + 1}`, caption: `Pie original ${i + 1}`, credit: 'Juan Pérez', rights: 'free', eventId } as never, SYSTEM_ACTOR);
      if (!r.ok) throw new Error(r.reason);
      photos.push(r.asset.id);
    }
    const b = await bank.ingestBuffer(await plainJpeg('#000000'), 'no-usar.jpg', { title: 'Foto vetada', rights: 'free' } as never, SYSTEM_ACTOR);
    if (!b.ok) throw new Error('upload');
    blocked = b.asset.id;
    await t.dataSource.query(`UPDATE media_assets SET do_not_use = true WHERE id = $1`, [blocked]);
    const p = await t.factories.user('press');
    const d = await t.factories.user('director');
    press = t.agent();
    director = t.agent();
    await login(press, p.email, p.password);
    await login(director, d.email, d.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  let id: number;

  it('drafts a release from the template, linked to an event, and refuses bad input', async () => {
    const form = await press.get(`/comunicados/nuevo?evento=${eventId}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('value="Tampacán, S.L.P."');
    expect(form.text).toContain(`value="${eventId}"`);
    const unknown = await submitForm(press, '/comunicados/nuevo', '/comunicados', { title: 'Comunicado de prueba', place: 'Tampacán', releaseDate: '2026-03-14', body: 'x', eventId: '999999' });
    expect(unknown.status).toBe(422);
    expect(unknown.text).toContain('Ese evento no existe en la agenda.');
    const bad = await submitForm(press, '/comunicados/nuevo', '/comunicados', { title: 'No', place: 'Tampacán', releaseDate: 'mañana', body: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('El título debe tener entre 3 y 250 caracteres.');
    expect(bad.text).toContain('Escriba una fecha válida');
    expect(bad.text).toContain('Escribe el cuerpo del comunicado.');
    expect(Number((await t.dataSource.query('SELECT count(*)::int AS n FROM press_releases'))[0].n)).toBe(0);
    const ok = await submitForm(press, '/comunicados/nuevo', '/comunicados', {
      title: 'Entregan uniformes escolares en la cabecera municipal',
      subtitle: 'Más de 800 alumnos de primaria recibieron su uniforme',
      place: 'Tampacán, S.L.P.',
      releaseDate: '2026-03-14',
      body: 'La Presidenta Municipal **entregó** uniformes.\n\n<script>alert(1)</script>\n\n- Escuela Benito Juárez\n- Escuela Niños Héroes',
      quotes: '«La educación es lo primero» — Rosa Elena Téllez, Presidenta Municipal',
      eventId: String(eventId),
    });
    expect(ok.status).toBe(303);
    const m = /^\/comunicados\/(\d+)\/medios$/.exec(ok.headers.location);
    expect(m).not.toBeNull();
    id = Number(m![1]);
    const [row] = await t.dataSource.query('SELECT event_id, number, status FROM press_releases WHERE id = $1', [id]);
    expect(row).toEqual({ event_id: eventId, number: null, status: 'draft' });
    // The agenda's route: "redactar comunicado" is ticked by the release, in its transaction.
    const steps = await t.dataSource.query(`SELECT step, source FROM agenda_route_steps WHERE event_id = $1`, [eventId]);
    expect(steps).toEqual([{ step: 'draft_release', source: 'releases' }]);
  });

  it('chooses two photos from the bank with their captions; a "no usar" photo is refused', async () => {
    const page = await press.get(`/comunicados/${id}/medios`);
    expect(page.text).toContain('Entrega de uniformes 1');
    expect(page.text).not.toContain('Foto vetada');
    const refused = await press.post(`/comunicados/${id}/medios`).type('form').send({ _csrf: csrfFrom(page.text), assetIds: [String(photos[0]), String(blocked)] });
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('marcado «no usar»');
    expect((await t.dataSource.query('SELECT count(*)::int AS n FROM press_release_media'))[0].n).toBe(0);
    const saved = await press.post(`/comunicados/${id}/medios`).type('form').send({ _csrf: csrfFrom(page.text), assetIds: [String(photos[1]), String(photos[0])], [`caption_${photos[1]}`]: 'Alumnos de la escuela Benito Juárez', [`caption_${photos[0]}`]: '' });
    expect(saved.status).toBe(303);
    const show = await press.get(`/comunicados/${id}`);
    expect(show.text).toContain('H. Ayuntamiento de Tampacán, S.L.P.');
    expect(show.text).toContain('Tampacán, S.L.P., a 14 de marzo de 2026.');
    expect(show.text).toContain('<strong>entregó</strong>');
    expect(show.text).not.toContain('<script>alert(1)</script>');
    expect(show.text).toContain('«La educación es lo primero»');
    expect(show.text).toContain('Alumnos de la escuela Benito Juárez');
    expect(show.text).toContain('Pie original 1');
    expect(show.text.indexOf('Alumnos de la escuela')).toBeLessThan(show.text.indexOf('Pie original 1'));
    expect(show.text).toContain('Sin número');
  });

  it('renders the release as a PDF and as an email', async () => {
    const pdf = await press.get(`/comunicados/${id}/pdf`).buffer(true).parse((r, cb) => { const c: Buffer[] = []; r.on('data', (d: Buffer) => c.push(d)); r.on('end', () => cb(null, Buffer.concat(c))); });
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    expect((pdf.body as Buffer).length).toBeGreaterThan(5000);
    const mail = await press.get(`/comunicados/${id}/correo`);
    expect(mail.text).toContain('ENTREGAN UNIFORMES ESCOLARES');
    expect(mail.text).toMatch(/Alta resolución: http:\/\/localhost:3000\/sala-de-prensa\/\d+\/fotos\/\d+\/original\?k(=|&#x3D;)/);
    const html = await press.get(`/comunicados/${id}/correo.html`);
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.text).toContain('<h1 style=');
  });

  it('keeps each version and compares them', async () => {
    const edit = await press.get(`/comunicados/${id}/editar`);
    const res = await press.post(`/comunicados/${id}`).type('form').send({ _csrf: csrfFrom(edit.text), title: 'Entregan uniformes escolares en Tampacán', place: 'Tampacán, S.L.P.', releaseDate: '2026-03-14', body: 'La Presidenta Municipal entregó uniformes nuevos.', eventId: String(eventId) });
    expect(res.status).toBe(303);
    const versions = await t.dataSource.query('SELECT version FROM press_release_versions WHERE release_id = $1 ORDER BY version', [id]);
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
    const cmp = await press.get(`/comunicados/${id}/versiones?de=1&a=3`);
    expect(cmp.status).toBe(200);
    expect(cmp.text).toContain('<ins>Tampacán</ins>');
    expect(cmp.text).toMatch(/<del>[^<]*cabecera municipal/);
  });

  it('is approved only by a director; returns need a comment; approved text is frozen', async () => {
    const page = await press.get(`/comunicados/${id}`);
    expect((await press.post(`/comunicados/${id}/acciones`).type('form').send({ _csrf: csrfFrom(page.text), action: 'send' })).status).toBe(409);
    expect((await press.post(`/comunicados/${id}/acciones`).type('form').send({ _csrf: csrfFrom(page.text), action: 'submit' })).status).toBe(303);
    const denied = await press.post(`/comunicados/${id}/acciones`).type('form').send({ _csrf: csrfFrom(page.text), action: 'approve' });
    expect(denied.status).toBe(403);
    expect(denied.text).toContain('Solo la Dirección puede aprobar un comunicado.');
    const dpage = await director.get(`/comunicados/${id}`);
    expect(dpage.text).toContain('value="approve"');
    const noComment = await director.post(`/comunicados/${id}/acciones`).type('form').send({ _csrf: csrfFrom(dpage.text), action: 'return' });
    expect(noComment.status).toBe(422);
    expect(noComment.text).toContain('Escribe un comentario que explique qué corregir.');
    const returned = await director.post(`/comunicados/${id}/acciones`).type('form').send({ _csrf: csrfFrom(dpage.text), action: 'return', comment: 'Agreguen el número de escuelas.' });
    expect(returned.status).toBe(303);
    expect((await press.get(`/comunicados/${id}`)).text).toContain('Agreguen el número de escuelas.');
    await submitForm(press, `/comunicados/${id}`, `/comunicados/${id}/acciones`, { action: 'submit' });
    const approved = await submitForm(director, `/comunicados/${id}`, `/comunicados/${id}/acciones`, { action: 'approve' });
    expect(approved.status).toBe(303);
    const [row] = await t.dataSource.query('SELECT status, number, year, approved_at FROM press_releases WHERE id = $1', [id]);
    expect(row.status).toBe('approved');
    expect(row.number).toBe(1);
    expect(row.year).toBe(year);
    expect((await press.get(`/comunicados/${id}`)).text).toContain(`Boletín 001/${year}`);
    const frozen = await press.get(`/comunicados/${id}/editar`);
    expect(frozen.status).toBe(303);
    const sneaky = await press.post(`/comunicados/${id}`).type('form').send({ _csrf: csrfFrom(page.text), title: 'Cambiado después', place: 'Tampacán', releaseDate: '2026-03-14', body: 'x' });
    expect(sneaky.status).toBe(409);
    const history = await t.dataSource.query(`SELECT action FROM press_release_events WHERE release_id = $1 ORDER BY id`, [id]);
    expect(history.map((h: { action: string }) => h.action)).toEqual(['create', 'media', 'edit', 'submit', 'return', 'submit', 'approve']);
    const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'press_release' AND entity_id = $1`, [String(id)]);
    expect(audit[0].n).toBeGreaterThanOrEqual(7);
  });

  it('numbers releases per year with no gaps or duplicates, even when an approval fails and rolls back', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await draft(`Comunicado de prueba ${i}`);
      await releases.act(r.id, { action: 'submit' }, asPress);
      ids.push(r.id);
    }
    let failOnce = true;
    releases.onStep(async () => undefined);
    const original = (releases as unknown as { repo: { nextNumber: (y: number, m: unknown) => Promise<number> } }).repo;
    const nextNumber = original.nextNumber.bind(original);
    original.nextNumber = async (y, m) => {
      const n = await nextNumber(y, m);
      if (failOnce) {
        failOnce = false;
        throw new Error('se cayó a la mitad');
      }
      return n;
    };
    await expect(releases.act(ids[0], { action: 'approve' }, asDirector)).rejects.toThrow('se cayó a la mitad');
    original.nextNumber = nextNumber;
    // Approvals racing each other (on PostgreSQL they run in parallel; the counter row serializes them).
    await Promise.all(ids.map((rid) => releases.act(rid, { action: 'approve' }, asDirector)));
    const rows = await t.dataSource.query(`SELECT number FROM press_releases WHERE year = $1 ORDER BY number`, [year]);
    expect(rows.map((r: { number: number }) => r.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('holds the sending back until the embargo passes', async () => {
    const at = new Date(t.clock.now().getTime() + 2 * 3600_000);
    const local = new Intl.DateTimeFormat('sv-SE', { timeZone: 'America/Mexico_City', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(at).replace(' ', 'T');
    const r = await draft('Comunicado con embargo', { embargoUntil: local });
    await releases.act(r.id, { action: 'submit' }, asPress);
    await releases.act(r.id, { action: 'approve' }, asDirector);
    const page = await press.get(`/comunicados/${r.id}`);
    expect(page.text).toContain('Bajo embargo hasta');
    const refused = await press.post(`/comunicados/${r.id}/acciones`).type('form').send({ _csrf: csrfFrom(page.text), action: 'send' });
    expect(refused.status).toBe(409);
    expect(refused.text).toContain('está bajo embargo');
    t.clock.travel(3 * 3600_000);
    try {
      const sent = await submitForm(press, `/comunicados/${r.id}`, `/comunicados/${r.id}/acciones`, { action: 'send' });
      expect(sent.status).toBe(303);
      expect((await t.dataSource.query('SELECT status FROM press_releases WHERE id = $1', [r.id]))[0].status).toBe('published');
    } finally {
      t.clock.travel(-3 * 3600_000);
    }
  });

  it('lets the press office edit the template, which every release then carries', async () => {
    const res = await submitForm(press, '/comunicados/formato', '/comunicados/formato', { letterhead: 'H. Ayuntamiento Constitucional de Tampacán\nComunicación Social', numberPrefix: 'Comunicado', defaultPlace: 'Tampacán, S.L.P.', contactFooter: 'Tel. 482 365 0130' });
    expect(res.status).toBe(303);
    const show = await press.get(`/comunicados/${id}`);
    expect(show.text).toContain('H. Ayuntamiento Constitucional de Tampacán');
    expect(show.text).toContain(`Comunicado 001/${year}`);
    const bad = await submitForm(press, '/comunicados/formato', '/comunicados/formato', { letterhead: '', numberPrefix: 'X', defaultPlace: 'Tampacán', contactFooter: 'x' });
    expect(bad.status).toBe(422);
    expect((await submitForm(director, '/comunicados/formato', '/comunicados/formato', { letterhead: 'abc', numberPrefix: 'X', defaultPlace: 'Tampacán', contactFooter: 'xyz' })).status).toBe(403);
    expect((await t.agent().get('/comunicados')).status).toBe(303);
  });
});
