import { AddressInfo } from 'node:net';
import request from 'supertest';
import { createTestApp, TestApp } from '../support/app';
import { actionCsrf, seedCategory, solvePow } from '../support/cases';

const CITIZENS = 200;

/** 200 citizens press "Enviar" in the same second, each through the real form (CSRF, proof of work). */
describe('200 filings at the same second', () => {
  let t: TestApp;
  let base: string;
  let categoryId: number;

  beforeAll(async () => {
    // Every citizen here comes from 127.0.0.1: lift the per-address limit; a cheap proof of work keeps the test on the server's side.
    t = await createTestApp({ FILINGS_PER_HOUR: '10000', SPAM_POW_MAX_NUMBER: '100' });
    categoryId = (await seedCategory(t, { name: 'Recolección de basura' })).category.id;
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t?.close();
    delete process.env.FILINGS_PER_HOUR;
    delete process.env.SPAM_POW_MAX_NUMBER;
  });

  it('gives 200 distinct, gap-free folios, each a whole case', async () => {
    // Each citizen opens the form first (their own CSRF token and challenge)…
    const fields = (i: number) => ({ type: 'service_request', categoryId: String(categoryId), description: `El camión no pasó por la calle ${i} esta semana.`, locality: 'Chuchupe', contactName: `Vecina ${i}`, consent: 'on' });
    const citizens = await Promise.all(
      Array.from({ length: CITIZENS }, async () => {
        const agent = request.agent(base);
        const page = (await agent.get('/solicitudes/nueva')).text;
        return { agent, csrf: actionCsrf(page), altcha: solvePow(page) };
      }),
    );
    // …then all 200 submit at once.
    const results = await Promise.all(
      citizens.map(({ agent, csrf, altcha }, i) => {
        const req = agent.post(`/solicitudes/nueva`).field('_csrf', csrf);
        for (const [k, v] of Object.entries({ ...fields(i), altcha })) req.field(k, v);
        return req;
      }),
    );
    expect(results.map((r) => r.status)).toEqual(Array(CITIZENS).fill(303));
    const folios = results.map((r) => r.headers.location.split('/').pop()!);
    expect(new Set(folios).size).toBe(CITIZENS);
    const year = new Date().getFullYear();
    const rows: { folio: string; seq: number; filed: number; description: string }[] = await t.dataSource.query(
      `SELECT c.folio, c.seq, c.description, (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id AND e.kind = 'filed') AS filed FROM cases c ORDER BY c.seq`,
    );
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: CITIZENS }, (_, k) => k + 1));
    expect(rows.map((r) => r.folio).sort()).toEqual([...folios].sort());
    expect(rows.every((r) => r.filed === 1)).toBe(true);
    // Each citizen's receipt names their own case.
    const byFolio = new Map(rows.map((r) => [r.folio, r.description]));
    folios.forEach((f, i) => expect(byFolio.get(f)).toBe(`El camión no pasó por la calle ${i} esta semana.`));
    const [{ last }] = await t.dataSource.query(`SELECT last FROM folio_counters WHERE year = $1`, [year]);
    expect(last).toBe(CITIZENS);
  });
});
