import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadConfig } from '../../src/config/config';
import { lockDataDir } from '../../src/database/embedded-database';
import { DEMO_USERS, DemoService } from '../../src/demo/demo.service';
import { createTestApp, login, TestApp } from '../support/app';

describe('configuration', () => {
  it('stops on a bad variable, naming it', () => {
    expect(() => loadConfig({ PORT: 'tres mil' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'tres mil' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ DEMO_DATA: 'quizá' })).toThrow(/DEMO_DATA/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET/);
  });
  it('reads booleans as people write them, never "false" as true', () => {
    expect(loadConfig({ DEMO_DATA: 'false' }).DEMO_DATA).toBe(false);
    expect(loadConfig({ DEMO_DATA: 'no' }).DEMO_DATA).toBe(false);
    expect(loadConfig({ DEMO_DATA: 'sí' }).DEMO_DATA).toBe(true);
    expect(loadConfig({}).embedded).toBe(true);
    expect(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test' }).embedded).toBe(false);
  });
});

describe('embedded database', () => {
  it('refuses a second process on the same data directory with a clear message', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cabildo-lock-'));
    // (PGlite itself can only start in jest's globalSetup; the lock is taken before it starts.)
    const release = await lockDataDir(dir);
    try {
      await expect(lockDataDir(dir)).rejects.toThrow(/Otra instancia de Cabildo ya usa la base de datos embebida/);
    } finally {
      await release();
    }
    const again = await lockDataDir(dir);
    await again();
  });
});

describe('demo data and errors', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ DEMO_DATA: 'true' });
  });
  afterAll(async () => {
    await t?.close();
    process.env.DEMO_DATA = 'false';
  });

  it('seeds an empty database once, and every demo account can sign in', async () => {
    const demo = t.app.get(DemoService);
    expect(await demo.seedIfEmpty()).toBe(true);
    expect(await demo.seedIfEmpty()).toBe(false);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM departments`);
    expect(n).toBeGreaterThanOrEqual(8);
    for (const u of DEMO_USERS) {
      const res = await login(t.agent(), u.email, u.password);
      expect(res.status).toBe(303);
    }
    const [{ h }] = await t.dataSource.query(`SELECT count(*)::int AS h FROM holidays`);
    expect(h).toBeGreaterThanOrEqual(20);
  });

  it('answers unknown JSON routes with a stable error body', async () => {
    const res = await t.agent().get('/api/no-existe');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, message: expect.any(String) });
  });

  it('answers unknown pages with a Spanish 404 page carrying the request id', async () => {
    const res = await t.agent().get('/no-existe').set('X-Request-Id', 'prueba-12345678');
    expect(res.status).toBe(404);
    expect(res.headers['x-request-id']).toBe('prueba-12345678');
    expect(res.text).toContain('Página no encontrada');
    expect(res.text).toContain('prueba-12345678');
  });

  it('serves the API documentation', async () => {
    const res = await t.agent().get('/api/docs');
    expect([200, 301]).toContain(res.status);
    const json = await t.agent().get('/api/docs-json');
    expect(json.status).toBe(200);
    expect(json.body.info.title).toBe('Cabildo API');
  });
});
