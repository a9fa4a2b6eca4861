import { DEMO_USERS, DemoService } from '../../src/demo/demo.service';
import { createTestApp, login, TestApp } from '../support/app';

describe('cases: the demo municipality', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    await t.app.get(DemoService).seed();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('seeds a plausible catalogue and cases across every status, with timelines', async () => {
    const [{ n: categories }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM categories WHERE default_department_id IS NOT NULL`);
    expect(categories).toBe(15);
    const byStatus = Object.fromEntries((await t.dataSource.query(`SELECT status, count(*)::int AS n FROM cases GROUP BY status`)).map((r: { status: string; n: number }) => [r.status, r.n]));
    expect(Object.values(byStatus).reduce((a, b) => (a as number) + (b as number), 0)).toBe(40);
    for (const s of ['received', 'in_review', 'routed', 'in_progress', 'resolved', 'closed', 'rejected', 'duplicate', 'reopened']) expect(byStatus[s]).toBeGreaterThan(0);
    const [{ n: overdue }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM cases WHERE status IN ('routed', 'in_progress') AND due_date < current_date`);
    expect(overdue).toBeGreaterThan(0);
    const [{ n: events }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM case_events`);
    expect(events).toBeGreaterThan(120);
    const folios = (await t.dataSource.query(`SELECT seq FROM cases ORDER BY seq`)).map((r: { seq: number }) => r.seq);
    expect(folios).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('renders every cases page for the demo accounts', async () => {
    const staff = DEMO_USERS.find((u) => u.role === 'attention')!;
    const agent = t.agent();
    await login(agent, staff.email, staff.password);
    const [{ folio }] = await t.dataSource.query(`SELECT folio FROM cases WHERE status = 'in_progress' ORDER BY id LIMIT 1`);
    for (const path of ['/casos', '/casos?vista=vencidos', '/casos?vista=por_vencer', '/casos?vista=sin_asignar', '/casos?vista=mios', `/casos/${folio}`, '/casos/nueva', '/estadisticas', '/correo/saliente']) {
      const res = await agent.get(path);
      expect([path, res.status]).toEqual([path, 200]);
    }
    const liaison = DEMO_USERS.find((u) => u.role === 'liaison')!;
    const enlace = t.agent();
    await login(enlace, liaison.email, liaison.password);
    const inbox = await enlace.get('/casos');
    expect(inbox.status).toBe(200);
    const shown = [...inbox.text.matchAll(/href="\/casos\/(AC-\d{4}-\d{6})"/g)].map((m) => m[1]);
    expect(shown.length).toBeGreaterThan(0);
    const rows = await t.dataSource.query(`SELECT c.folio, d.name FROM cases c LEFT JOIN departments d ON d.id = c.department_id WHERE c.folio = ANY($1)`, [shown]);
    expect(new Set(rows.map((r: { name: string }) => r.name))).toEqual(new Set(['Obras Públicas']));
    const admin = DEMO_USERS.find((u) => u.role === 'admin')!;
    const adminAgent = t.agent();
    await login(adminAgent, admin.email, admin.password);
    for (const path of ['/admin/categorias', '/admin/categorias/1', '/admin/datos-personales', '/admin/datos-personales?correo=rosa.hdz%40ejemplo.mx']) expect([path, (await adminAgent.get(path)).status]).toEqual([path, 200]);
    for (const path of ['/', '/solicitudes/nueva', '/seguimiento']) expect([path, (await t.agent().get(path)).status]).toEqual([path, 200]);
  });
});
