import { CaseActor } from '../../src/cases/case-actor';
import { CaseWorkService } from '../../src/cases/case-work.service';
import { CasesService } from '../../src/cases/cases.service';
import { createTestApp, login, TestApp } from '../support/app';
import { seedCategory } from '../support/cases';

/**
 * The inbox's counts by status come from maintained counters (case_counts, kept by a trigger):
 * they must agree with the cases themselves after every kind of change. A text search with more
 * than 1 000 matches says so instead of counting them all.
 */
describe('cases: maintained counts of the inbox', () => {
  let t: TestApp;
  let cases: CasesService;
  let work: CaseWorkService;
  let lights: Awaited<ReturnType<typeof seedCategory>>;
  let water: Awaited<ReturnType<typeof seedCategory>>;
  let attention: Awaited<ReturnType<TestApp['factories']['user']>>;
  let by: CaseActor;
  const file = (description: string, categoryId: number) =>
    cases.file({ type: 'complaint', categoryId, description, locality: 'Tancuilín', consent: true, channel: 'web', privacyVersion: '2026-01' }, [], cases.citizenActor('127.0.0.1'));
  const version = async (id: number) => Number((await t.dataSource.query(`SELECT version FROM cases WHERE id = $1`, [id]))[0].version);
  const truth = () =>
    t.dataSource.query(`SELECT status, type, category_id, coalesce(department_id, 0) AS department_id, count(*)::int AS n FROM cases GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`);
  const counters = () => t.dataSource.query(`SELECT status, type, category_id, department_id, n FROM case_counts WHERE n <> 0 ORDER BY 1, 2, 3, 4`);

  beforeAll(async () => {
    t = await createTestApp();
    cases = t.app.get(CasesService);
    work = t.app.get(CaseWorkService);
    lights = await seedCategory(t, { name: 'Alumbrado público', departmentName: 'Obras Públicas' });
    water = await seedCategory(t, { name: 'Fuga de agua', departmentName: 'Agua Potable' });
    attention = await t.factories.user('attention');
    by = { audit: { userId: attention.id, label: attention.email, ip: null }, userId: attention.id, name: attention.name, role: 'attention', departmentId: null };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('agree with the cases after filing, reclassifying, routing, status changes and deletion', async () => {
    const a = await file('La lámpara de la calle Juárez no enciende', lights.category.id);
    const b = await file('Fuga de agua frente a la escuela', water.category.id);
    await file('Otra lámpara fundida en la plaza', lights.category.id);
    expect(await counters()).toEqual(await truth());

    await work.classify(a.caseId, await version(a.caseId), { type: 'report', categoryId: water.category.id, priority: 3 }, by);
    await work.route(b.caseId, await version(b.caseId), { departmentId: lights.department.id, reason: 'Lo atiende Obras Públicas' }, by);
    await work.changeStatus(b.caseId, await version(b.caseId), { status: 'in_progress' }, by);
    await work.changeStatus(a.caseId, await version(a.caseId), { status: 'rejected', note: 'No es competencia del municipio' }, by);
    expect(await counters()).toEqual(await truth());

    await t.dataSource.query(`UPDATE cases SET department_id = NULL WHERE id = $1`, [a.caseId]);
    await t.dataSource.query(`DELETE FROM cases WHERE id = $1`, [b.caseId]);
    expect(await counters()).toEqual(await truth());

    const agent = t.agent();
    await login(agent, attention.email, attention.password);
    const inbox = await agent.get('/casos');
    expect(inbox.status).toBe(200);
    expect(inbox.text).toMatch(/Recibida: <strong>1<\/strong>/);
    expect(inbox.text).toMatch(/No procede: <strong>1<\/strong>/);
    const filtered = await agent.get(`/casos?categoria=${water.category.id}&tipo=report`);
    expect(filtered.text).toMatch(/No procede: <strong>1<\/strong>/);
    expect(filtered.text).toMatch(/Recibida: <strong>0<\/strong>/);
  });

  it('says a search has more than 1 000 matches instead of counting them', async () => {
    await t.dataSource.query(
      `INSERT INTO cases (folio, year, seq, tracking_code_hash, type, category_id, department_id, status, description, locality, due_date)
       SELECT 'AC-2020-' || lpad(g::text, 6, '0'), 2020, g, md5(g::text) || md5(g::text), 'report', $1, $2, 'closed', 'Bache número ' || g || ' en la carretera', 'Xolol', '2020-02-01'
         FROM generate_series(1, 1005) g`,
      [lights.category.id, lights.department.id],
    );
    expect(await counters()).toEqual(await truth());
    const agent = t.agent();
    await login(agent, attention.email, attention.password);
    const many = await agent.get('/casos?q=bache');
    expect(many.status).toBe(200);
    expect(many.text).toContain('Más de 1,000 solicitudes coinciden con la búsqueda');
    expect(many.text).not.toContain('Cerrada: <strong>');
    const few = await agent.get('/casos?q=lampara');
    expect(few.text).not.toContain('coinciden con la búsqueda');
    expect(few.text).toMatch(/Recibida: <strong>1<\/strong>/);
  });
});
