import { randomBytes } from 'node:crypto';
import { AppProcess, freePort, withDb } from '../support/app-process';
import { DEMO_PRESS_CREW, DEMO_USERS } from '../../src/demo/demo.service';

const onServer = process.env.CABILDO_TEST_DB === 'server';
const INSTANCES = 3;

/**
 * Several instances started at the same moment on one empty database (a rollout behind a load
 * balancer, or a service manager starting them together): migrations and the demo seeding run
 * under an advisory lock, so every instance comes up and the work is done exactly once.
 * Real server only: the embedded database serves one process.
 */
(onServer ? describe : describe.skip)(`${INSTANCES} instances starting together on an empty database`, () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const apps: AppProcess[] = [];

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.stop()));
    await withDb(schema, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  it('all come up; migrations run once and exactly one of them seeds', async () => {
    for (let i = 0; i < INSTANCES; i++) {
      apps.push(new AppProcess(await freePort(), { DATABASE_URL: process.env.DATABASE_URL!, DATABASE_SCHEMA: schema, DATABASE_POOL_SIZE: '3', DEMO_DATA: 'true', LOG_LEVEL: 'log' }));
    }
    const started = await Promise.allSettled(apps.map((a) => a.start(150_000)));
    const failures = started.flatMap((s) => (s.status === 'rejected' ? [String(s.reason).slice(0, 3000)] : []));
    expect(failures).toEqual([]);

    const seeded = apps.filter((a) => a.output.includes('Datos de demostración cargados'));
    expect(seeded).toHaveLength(1);
    await withDb(schema, async (c) => {
      const [{ n }] = (await c.query('SELECT count(*)::int AS n FROM users')).rows;
      expect(n).toBe(DEMO_USERS.length + DEMO_PRESS_CREW.length);
      const dup = (await c.query('SELECT name FROM migrations GROUP BY name HAVING count(*) > 1')).rows;
      expect(dup).toEqual([]);
    });
    for (const a of apps) expect((await fetch(`${a.url}/login`)).status).toBe(200);
  }, 200_000);
});
