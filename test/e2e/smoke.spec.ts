import { createTestApp, TestApp } from '../support/app';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the Spanish home page', async () => {
    const res = await t.agent().get('/');
    expect(res.status).toBe(200);
    expect(res.text).toContain('lang="es-MX"');
    expect(res.text).toContain('Presentar una solicitud');
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('reports health: alive, and ready with the database up', async () => {
    const res = await t.agent().get('/health');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok' });
    const ready = await t.agent().get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details.database.status).toBe('up');
  });
});
