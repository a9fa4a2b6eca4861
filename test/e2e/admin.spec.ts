import { createTestApp, login, submitForm, TestApp } from '../support/app';

describe('administration: users, departments, calendar, audit log', () => {
  let t: TestApp;
  let admin: Awaited<ReturnType<TestApp['factories']['user']>>;
  let agent: ReturnType<TestApp['agent']>;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.factories.user('admin');
    agent = t.agent();
    await login(agent, admin.email, admin.password);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('returns the form with 422, the values kept and each error beside its field', async () => {
    const res = await submitForm(agent, '/admin/usuarios/nuevo', '/admin/usuarios', { name: 'Ana <b>Pérez</b>', email: 'no-es-correo', role: 'liaison', password: 'x', active: 'on' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-email-error"[^>]*>Escriba un correo electrónico válido/);
    expect(res.text).toMatch(/id="f-departmentId-error"[^>]*>Un enlace debe pertenecer a una dependencia/);
    expect(res.text).toContain('value="Ana &lt;b&gt;Pérez&lt;/b&gt;"');
    expect(res.text).not.toContain('<b>Pérez</b>');
    expect(await t.dataSource.query(`SELECT 1 FROM users WHERE name LIKE 'Ana%'`)).toHaveLength(0);
  });

  it('creates a department and a user, and shows both in the audit log', async () => {
    const dep = await submitForm(agent, '/admin/dependencias/nueva', '/admin/dependencias', { name: 'Turismo y Cultura', headName: 'Lic. Itzel Vite', email: 'turismo@tampacan.gob.mx', phone: '482 365 0150', active: 'on' });
    expect(dep.status).toBe(303);
    const [{ id: depId }] = await t.dataSource.query(`SELECT id FROM departments WHERE name = 'Turismo y Cultura'`);
    const user = await submitForm(agent, '/admin/usuarios/nuevo', '/admin/usuarios', { name: 'Itzel Vite', email: 'Itzel.Vite@Tampacan.gob.mx', role: 'liaison', departmentId: String(depId), password: 'Huapango-2026-x', active: 'on' });
    expect(user.status).toBe(303);
    const [created] = await t.dataSource.query(`SELECT id, email, must_change_password FROM users WHERE email = 'itzel.vite@tampacan.gob.mx'`);
    expect(created.must_change_password).toBe(true);

    const log = await agent.get('/admin/auditoria');
    expect(log.status).toBe(200);
    expect(log.text).toContain('department.create');
    expect(log.text).toContain('user.create');
    expect(log.text).toContain('Turismo y Cultura');
    const filtered = await agent.get(`/admin/auditoria?tipo=user&registro=${created.id}`);
    expect(filtered.text).toContain('user.create');
    expect(filtered.text).not.toContain('department.create');
    const byActor = await agent.get(`/admin/auditoria?usuario=${encodeURIComponent(admin.email)}&tipo=department`);
    expect(byActor.text).toContain('Turismo y Cultura');
  });

  it('refuses a duplicate email beside the field', async () => {
    const res = await submitForm(agent, '/admin/usuarios/nuevo', '/admin/usuarios', { name: 'Otra', email: admin.email.toUpperCase(), role: 'press', password: 'Huapango-2026-x', active: 'on' });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="f-email-error"[^>]*>Ya existe una cuenta con ese correo/);
  });

  it('edits and deactivates a user, who can then no longer sign in; records what changed', async () => {
    const u = await t.factories.user('press');
    const res = await submitForm(agent, `/admin/usuarios/${u.id}`, `/admin/usuarios/${u.id}`, { name: 'Nombre Nuevo', email: u.email, role: 'press' });
    expect(res.status).toBe(303);
    const [row] = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'user.update' AND entity_id = $1`, [String(u.id)]);
    expect(row.details.changed.active).toEqual({ from: true, to: false });
    expect(row.details.changed.name.to).toBe('Nombre Nuevo');
    const attempt = await submitForm(t.agent(), '/login', '/login', { email: u.email, password: u.password });
    expect(attempt.status).toBe(422);
  });

  it('resets a password to a temporary one that must be changed at sign-in', async () => {
    const u = await t.factories.user('attention');
    const res = await submitForm(agent, `/admin/usuarios/${u.id}`, `/admin/usuarios/${u.id}/contrasena`, { password: 'Temporal-2026-abc' });
    expect(res.status).toBe(303);
    const other = t.agent();
    const signed = await login(other, u.email, 'Temporal-2026-abc');
    expect(signed.headers.location).toBe('/cuenta/contrasena');
  });

  it('does not let an administrator demote themself', async () => {
    const res = await submitForm(agent, `/admin/usuarios/${admin.id}`, `/admin/usuarios/${admin.id}`, { name: admin.name, email: admin.email, role: 'press', active: 'on' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('No puedes quitarte a ti mismo el rol de administrador');
  });

  it('keeps the business-day calendar: preload the official holidays, add and remove a day', async () => {
    const pre = await submitForm(agent, '/admin/calendario?anio=2027', '/admin/calendario/cargar', { year: '2027' });
    expect(pre.status).toBe(303);
    const page = await agent.get('/admin/calendario?anio=2027');
    expect(page.text).toContain('Natalicio de Benito Juárez');
    expect(page.text).toContain('Viernes Santo');
    const add = await submitForm(agent, '/admin/calendario?anio=2027', '/admin/calendario', { day: '2027-07-25', name: 'Fiesta patronal de Santiago Apóstol' });
    expect(add.status).toBe(303);
    const dup = await submitForm(agent, '/admin/calendario?anio=2027', '/admin/calendario', { day: '2027-07-25', name: 'Otra vez' });
    expect(dup.status).toBe(422);
    expect(dup.text).toContain('Ese día ya está en el calendario');
    const bad = await submitForm(agent, '/admin/calendario?anio=2027', '/admin/calendario', { day: '25/07/2027', name: 'Formato malo' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Escriba una fecha válida');
    const [{ id }] = await t.dataSource.query(`SELECT id FROM holidays WHERE day = '2027-07-25'`);
    const del = await submitForm(agent, '/admin/calendario?anio=2027', `/admin/calendario/${id}/eliminar`, { year: '2027' });
    expect(del.status).toBe(303);
    expect(await t.dataSource.query(`SELECT 1 FROM holidays WHERE day = '2027-07-25'`)).toHaveLength(0);
    const actions = (await t.dataSource.query(`SELECT action FROM audit_log WHERE entity_type = 'holiday' ORDER BY id`)).map((r: { action: string }) => r.action);
    expect(actions).toEqual(['holiday.preload', 'holiday.create', 'holiday.delete']);
  });

  it('answers an unknown record with a Spanish 404 page and no stack trace', async () => {
    const res = await agent.get('/admin/usuarios/999999');
    expect(res.status).toBe(404);
    expect(res.text).toContain('Página no encontrada');
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    const notNumber = await agent.get('/admin/usuarios/abc');
    expect(notNumber.status).toBe(400);
    expect(notNumber.text).toContain('La solicitud no es válida');
  });

  it('serves the English version on request', async () => {
    const res = await agent.get('/admin/usuarios?lang=en');
    expect(res.text).toContain('lang="en"');
    expect(res.text).toContain('New user');
    const back = await agent.get('/admin/usuarios?lang=es');
    expect(back.text).toContain('Nuevo usuario');
  });
});
