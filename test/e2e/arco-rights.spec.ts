import { CaseWorkService } from '../../src/cases/case-work.service';
import { CasesRepository } from '../../src/cases/cases.repository';
import { CasesService } from '../../src/cases/cases.service';
import { createTestApp, csrfFrom, login, TestApp } from '../support/app';
import { seedCategory } from '../support/cases';

const ERASED = '[dato eliminado a petición del titular]';

/**
 * Data-subject rights beyond access and erasure: anonymising erases what the person wrote (not
 * only their contact data); rectification and opposition (ARCO) are on the personal-data page,
 * audited; and a status note reaches the citizen only where the form says it does.
 */
describe('ARCO rights and what a citizen is shown', () => {
  let t: TestApp;
  let cases: CasesService;
  let work: CaseWorkService;
  let admin: ReturnType<TestApp['agent']>;
  let category: Awaited<ReturnType<typeof seedCategory>>['category'];
  const staffActor = (id: number) => ({ audit: { userId: id, label: 'atencion', ip: null, role: 'attention' }, userId: id, name: 'Marisol Torres', role: 'attention' as const, departmentId: null });

  const file = (description: string, extra: Record<string, unknown> = {}) =>
    cases.file({ type: 'complaint', categoryId: category.id, description, locality: 'Chuchupe', consent: true, channel: 'web', privacyVersion: '2026-01', ...extra }, [], cases.citizenActor(null));
  const caseOf = async (folio: string) => (await t.app.get(CasesRepository).findByFolio(folio))!;

  beforeAll(async () => {
    t = await createTestApp();
    cases = t.app.get(CasesService);
    work = t.app.get(CaseWorkService);
    ({ category } = await seedCategory(t, { name: 'Ruido' }));
    const a = await t.factories.user('admin');
    admin = t.agent();
    await login(admin, a.email, a.password);
  });
  afterAll(() => t?.close());

  it('anonymising erases the description, the exact place and the free text the person wrote, and keeps the case', async () => {
    const r = await file('Soy Marta Ibarra y mi vecino Pedro Gómez pone música a todo volumen', {
      contactEmail: 'marta.ibarra@ejemplo.mx', contactName: 'Marta Ibarra', street: 'Calle Hidalgo 14', neighborhood: 'Barrio Alto', reference: 'Casa azul junto a la de Pedro Gómez', latitude: 21.41, longitude: -98.57,
    });
    const c = await caseOf(r.folio);
    const staff = await t.factories.user('attention');
    await t.dataSource.transaction((m) => cases.event(m, c, staffActor(staff.id), 'internal_note', { body: 'Correo de Marta Ibarra <marta.ibarra@ejemplo.mx>: «Sigue el ruido»', data: { via: 'email', mailMessageId: 1 } }));
    await t.dataSource.query(`UPDATE cases SET answers = $2 WHERE id = $1`, [c.id, JSON.stringify([{ question: '¿A qué hora?', answer: 'Todas las noches, en casa de Pedro Gómez' }])]);
    const page = await admin.get('/admin/datos-personales?correo=marta.ibarra%40ejemplo.mx');
    const done = await admin.post('/admin/datos-personales/anonimizar').type('form').send({ correo: 'marta.ibarra@ejemplo.mx', confirmar: 'on', _csrf: csrfFrom(page.text) });
    expect(done.status).toBe(303);
    const [row] = await t.dataSource.query(`SELECT description, street, neighborhood, reference, latitude, longitude, answers, locality, category_id AS "categoryId", status FROM cases WHERE id = $1`, [c.id]);
    expect(row).toMatchObject({ description: ERASED, street: null, neighborhood: null, reference: null, latitude: null, longitude: null, answers: [], locality: 'Chuchupe', categoryId: category.id });
    const events = await t.dataSource.query(`SELECT body FROM case_events WHERE case_id = $1`, [c.id]);
    expect(JSON.stringify(events)).not.toMatch(/Marta|Pedro Gómez|marta\.ibarra/);
  });

  it('rectifies a person\'s contact data in every case, audited without the data itself', async () => {
    const a = await file('Perro suelto en la plaza', { contactEmail: 'jose.luna@ejemplo.mx', contactName: 'Jose Luna', contactPhone: '482 111 0000' });
    const b = await file('Perro suelto otra vez', { contactEmail: 'JOSE.LUNA@ejemplo.mx' });
    const page = await admin.get('/admin/datos-personales?correo=jose.luna%40ejemplo.mx');
    expect(page.text).toContain('Rectificar');
    const bad = await admin.post('/admin/datos-personales/rectificar').type('form').send({ correo: 'jose.luna@ejemplo.mx', nuevoCorreo: 'no-es-correo', _csrf: csrfFrom(page.text) });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('no-es-correo'); // what was typed is kept
    const ok = await admin.post('/admin/datos-personales/rectificar').type('form').send({ correo: 'jose.luna@ejemplo.mx', nuevoNombre: 'José Luna Pérez', nuevoCorreo: 'jluna@ejemplo.mx', nuevoTelefono: '482 222 3333', _csrf: csrfFrom(page.text) });
    expect(ok.status).toBe(303);
    for (const folio of [a.folio, b.folio]) expect(await caseOf(folio)).toMatchObject({ contactName: 'José Luna Pérez', contactEmail: 'jluna@ejemplo.mx', contactPhone: '482 222 3333' });
    const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'personal_data.rectify'`);
    expect(audit.details).toMatchObject({ folios: [a.folio, b.folio], fields: ['contactName', 'contactEmail', 'contactPhone'] });
    expect(JSON.stringify(audit)).not.toMatch(/jluna|jose\.luna|José/);
  });

  it('records the person\'s opposition: no more emails about their cases, audited', async () => {
    const r = await file('Fiesta hasta las 4 a.m.', { contactEmail: 'ana.ruiz@ejemplo.mx' });
    const page = await admin.get('/admin/datos-personales?correo=ana.ruiz%40ejemplo.mx');
    expect(page.text).toContain('Oposición');
    const refused = await admin.post('/admin/datos-personales/oponerse').type('form').send({ correo: 'ana.ruiz@ejemplo.mx', _csrf: csrfFrom(page.text) });
    expect(refused.status).toBe(303);
    expect((await caseOf(r.folio)).contactOptOutAt).toBeNull();
    const ok = await admin.post('/admin/datos-personales/oponerse').type('form').send({ correo: 'ana.ruiz@ejemplo.mx', confirmar: 'on', _csrf: csrfFrom(page.text) });
    expect(ok.status).toBe(303);
    const c = await caseOf(r.folio);
    expect(c.contactOptOutAt).not.toBeNull();
    const before = (await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'to' = 'ana.ruiz@ejemplo.mx'`))[0].n;
    const staff = await t.factories.user('attention');
    await work.reply(c.id, c.version, 'Pasará una patrulla.', staffActor(staff.id));
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE payload->>'to' = 'ana.ruiz@ejemplo.mx'`))[0].n).toBe(before);
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'personal_data.oppose'`))[0].n).toBe(1);
  });

  it('a status note reaches the citizen only for "Resuelta" and "No procede", as the form says', async () => {
    const r = await file('Taller mecánico ruidoso', { contactEmail: 'luis.mora@ejemplo.mx' });
    const staff = await t.factories.user('attention');
    let c = await caseOf(r.folio);
    await t.dataSource.query(`UPDATE cases SET status = 'routed' WHERE id = $1`, [c.id]);
    c = await caseOf(r.folio);
    await work.changeStatus(c.id, c.version, { status: 'in_progress', note: 'Ojo: el dueño del taller es compadre del regidor' }, staffActor(staff.id));
    let publicText = JSON.stringify(await t.app.get(CasesRepository).events(c.id, true));
    expect(publicText).not.toContain('compadre');
    expect(publicText).toContain('in_progress'); // the citizen still sees the new status
    expect(JSON.stringify(await t.app.get(CasesRepository).events(c.id, false))).toContain('compadre'); // staff keep the note
    c = await caseOf(r.folio);
    await work.changeStatus(c.id, c.version, { status: 'resolved', note: 'Se clausuró el taller por ruido.' }, staffActor(staff.id));
    publicText = JSON.stringify(await t.app.get(CasesRepository).events(c.id, true));
    expect(publicText).toContain('Se clausuró el taller');
    const mails = await t.dataSource.query(`SELECT payload->>'text' AS text FROM outbox WHERE payload->>'to' = 'luis.mora@ejemplo.mx' ORDER BY id`);
    expect(mails.map((m: { text: string }) => m.text).join('\n')).not.toContain('compadre');
    expect(mails[mails.length - 1].text).toContain('Se clausuró el taller');
  });
});
