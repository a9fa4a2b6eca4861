import { createTestApp, login, submitForm, TestApp } from '../support/app';
import { actionCsrf, fileRequest, seedCategory } from '../support/cases';

/** Category questions: admin UI, public form and counter, server-side check, case page. */
describe('category questions', () => {
  let t: TestApp;
  let categoryId: number;
  let otherCategoryId: number;
  const admin = () => t.factories.user('admin');

  beforeAll(async () => {
    t = await createTestApp();
    categoryId = (await seedCategory(t, { name: 'Bacheo y pavimentación' })).category.id;
    otherCategoryId = (await seedCategory(t, { name: 'Alumbrado público' })).category.id;
  });
  afterAll(async () => t?.close());

  it('an administrator adds questions under the category; bad options come back beside the field', async () => {
    const a = await admin();
    const agent = t.agent();
    await login(agent, a.email, a.password);
    const page = `/admin/categorias/${categoryId}/preguntas`;
    expect((await agent.get(`/admin/categorias/${categoryId}`)).text).toContain(page);
    const bad = await submitForm(agent, page, page, { question: 'Tamaño del bache', kind: 'single', position: '1', options: '', required: 'on', active: 'on' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Escribe al menos una opción');
    const ok = await submitForm(agent, page, page, { question: 'Tamaño del bache', kind: 'single', position: '1', options: 'chico | Pequeño (cabe un pie)\nmediano | Mediano (como una llanta)\ngrande | Grande (más de un metro)', required: 'on', active: 'on' });
    expect(ok.status).toBe(303);
    await submitForm(agent, page, page, { question: '¿Desde cuándo está?', kind: 'date', position: '2', active: 'on' });
    await submitForm(agent, page, page, { question: 'Riesgos', code: 'riesgos', kind: 'multiple', position: '3', options: 'agua | Se llena de agua\nescuela | Está cerca de una escuela', active: 'on' });
    const again = await submitForm(agent, page, page, { question: 'Otra', code: 'riesgos', kind: 'text', position: '4', active: 'on' });
    expect(again.status).toBe(422);
    expect(again.text).toContain('ya usa esa clave');
    const rows = await t.dataSource.query(`SELECT code, kind, required, options FROM category_questions WHERE category_id = $1 ORDER BY position`, [categoryId]);
    expect(rows.map((r: { code: string }) => r.code)).toEqual(['tamano_del_bache', 'desde_cuando_esta', 'riesgos']);
    expect(rows[0].options[2]).toEqual({ key: 'grande', name: 'Grande (más de un metro)' });
    const audit = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'category_question.create'`).catch(() => [{ n: -1 }]);
    expect(audit[0].n).toBe(3);
  });

  it('the public form shows every category’s questions without a category chosen, and the fragment one category’s', async () => {
    const form = await t.agent().get('/solicitudes/nueva');
    expect(form.text).toContain('Tamaño del bache');
    expect(form.text).toContain('data-questions-for="' + categoryId + '"');
    const fragment = await t.agent().get(`/solicitudes/preguntas?categoria=${categoryId}`);
    expect(fragment.status).toBe(200);
    expect(fragment.text).toContain('Mediano (como una llanta)');
    expect(fragment.text).not.toContain('<html');
    expect((await t.agent().get(`/solicitudes/preguntas?categoria=${otherCategoryId}`)).text.trim()).toBe('');
  });

  it('checks the answers on the server: a missing required answer and an unknown option come back beside the fields, nothing saved', async () => {
    const [size] = await t.dataSource.query(`SELECT id FROM category_questions WHERE code = 'tamano_del_bache'`);
    const [risks] = await t.dataSource.query(`SELECT id FROM category_questions WHERE code = 'riesgos'`);
    const base = { type: 'service_request', categoryId: String(categoryId), description: 'Bache enorme frente a la primaria.', locality: 'Tampacán (cabecera municipal)' };
    const missing = await fileRequest(t.agent(), base);
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('Responda esta pregunta.');
    // Only the chosen category's questions are drawn again, with the person's values.
    expect(missing.text).not.toContain('data-questions-for="' + otherCategoryId + '"');
    const wrong = await fileRequest(t.agent(), { ...base, [`q_${size.id}`]: 'gigante', [`q_${risks.id}`]: 'agua' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('Elija una de las opciones de la lista.');
    expect(wrong.text).toMatch(new RegExp(`value="agua" checked`));
    expect((await t.dataSource.query(`SELECT count(*)::int AS n FROM cases`))[0].n).toBe(0);
  });

  it('stores the answers with the case and shows them on the staff case page; the counter intake asks them too', async () => {
    const [size] = await t.dataSource.query(`SELECT id FROM category_questions WHERE code = 'tamano_del_bache'`);
    const [since] = await t.dataSource.query(`SELECT id FROM category_questions WHERE code = 'desde_cuando_esta'`);
    const ok = await fileRequest(t.agent(), { type: 'service_request', categoryId: String(categoryId), description: 'Bache enorme frente a la primaria.', locality: 'Tampacán (cabecera municipal)', [`q_${size.id}`]: 'grande', [`q_${since.id}`]: '2026-01-15' });
    expect(ok.status).toBe(303);
    const [c] = await t.dataSource.query(`SELECT folio, answers FROM cases`);
    expect(c.answers.map((a: { code: string; value: string }) => [a.code, a.value])).toEqual([['tamano_del_bache', 'grande'], ['desde_cuando_esta', '2026-01-15']]);

    const staff = await t.factories.user('attention');
    const s = t.agent();
    await login(s, staff.email, staff.password);
    const casePage = await s.get(`/casos/${c.folio}`);
    expect(casePage.text).toContain('Respuestas a las preguntas del tema');
    expect(casePage.text).toContain('Grande (más de un metro)');

    const intake = await s.get('/casos/nueva');
    expect(intake.text).toContain('Tamaño del bache');
    expect(intake.text).not.toContain('value="api"');
    const post = s.post(`/casos/nueva`).field('_csrf', actionCsrf(intake.text));
    for (const [k, v] of Object.entries({ channel: 'phone', type: 'service_request', categoryId: String(categoryId), description: 'Llamó un vecino por un bache.', locality: 'Tancuilín', consent: 'on' })) post.field(k, v);
    const refused = await post;
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Responda esta pregunta.');
  });
});
