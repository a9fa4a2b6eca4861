import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createTestApp, login, submitForm, TestApp } from '../support/app';

const onServer = process.env.CABILDO_TEST_DB === 'server';

function restartPostgres(): void {
  const version = readdirSync('/etc/postgresql')[0];
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart'], { stdio: 'ignore' });
}

/**
 * PostgreSQL restarts while people work (real server only: the embedded database lives
 * inside the test process and cannot be restarted from here).
 */
(onServer ? describe : describe.skip)('the database restarts under load', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('fails cleanly during the gap, saves nothing half-way, and reconnects by itself', async () => {
    const admin = await t.factories.user('admin');
    const agent = t.agent();
    await login(agent, admin.email, admin.password);
    const page = await agent.get('/admin/dependencias/nueva');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)![1];

    // Requests keep coming while the server restarts.
    const during: Promise<{ status: number; text: string }>[] = [];
    const ticker = setInterval(() => {
      during.push(agent.post('/admin/dependencias').type('form').send({ _csrf: token, name: `Durante ${during.length}`, active: 'on' }).then((r) => ({ status: r.status, text: r.text })));
    }, 100);
    restartPostgres();
    await new Promise((r) => setTimeout(r, 500));
    clearInterval(ticker);
    const results = await Promise.all(during);
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect([303, 503]).toContain(r.status);
      if (r.status === 503) expect(r.text).toContain('Intenta de nuevo');
    }
    // Every department that answered 303 is whole, with its audit row; the failed ones left nothing.
    let recovered = false;
    for (let i = 0; i < 40 && !recovered; i++) {
      const res = await agent.get('/health/ready');
      recovered = res.status === 200;
      if (!recovered) await new Promise((r) => setTimeout(r, 250));
    }
    expect(recovered).toBe(true);
    const saved: { name: string; audited: boolean }[] = await t.dataSource.query(
      `SELECT d.name, EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_type = 'department' AND a.entity_id = d.id::text) AS audited
         FROM departments d WHERE d.name LIKE 'Durante %'`,
    );
    expect(saved.every((s) => s.audited)).toBe(true);
    expect(saved.length).toBe(results.filter((r) => r.status === 303).length);
    const after = await submitForm(agent, '/admin/dependencias/nueva', '/admin/dependencias', { name: 'Después del reinicio', active: 'on' });
    expect(after.status).toBe(303);
  });
});
