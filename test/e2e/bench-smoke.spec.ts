import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { BaselineDb, buildBaseline } from '../../bench/baseline/server';
import { runLoad } from '../../bench/lib/load';
import { prepare, Prepared, SCENARIOS } from '../../bench/scenarios';
import { seedCases, seedMeta } from '../../bench/seed/seed';
import { APP_CONFIG, AppConfig } from '../../src/config/config';
import { createTestApp, TestApp } from '../support/app';

/**
 * What CI runs of the benchmark (bench/): the generator at a tiny scale into this file's own
 * schema, then every scenario for 8 cycles against the app (and the baseline) on loopback,
 * with no error. No figure is asserted: figures come from `npm run bench` on a real server.
 */
describe('benchmark smoke: generator and scenarios at a tiny scale', () => {
  const POW = '1000';
  let t: TestApp;
  let base: string;
  let baseline: FastifyInstance;
  let baselineBase: string;
  let prep: Prepared;

  beforeAll(async () => {
    t = await createTestApp({ SPAM_POW_MAX_NUMBER: POW, FILINGS_PER_HOUR: '1000000', TRACKING_ATTEMPTS_PER_10_MIN: '1000000' });
    // One connection of our own for the load (it changes session settings while it runs).
    const runner = t.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const r = await seedCases((text, params) => runner.query(text, params), { cases: 200, batchSize: 50 });
      expect(r.cases).toBe(200);
      expect(r.events).toBeGreaterThanOrEqual(600);
    } finally {
      await runner.release();
    }
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const db: BaselineDb = {
      query: (text, params) => t.dataSource.query(text, params as unknown[]),
      transaction: (run) => t.dataSource.transaction((m) => run((text, params) => m.query(text, params as unknown[]))),
    };
    baseline = buildBaseline({ db, secret: t.app.get<AppConfig>(APP_CONFIG).sessionSecret, powMaxNumber: Number(POW) });
    await baseline.listen({ port: 0, host: '127.0.0.1' });
    baselineBase = `http://127.0.0.1:${(baseline.server.address() as AddressInfo).port}`;
    prep = await prepare(base, (text, params) => t.dataSource.query(text, params as unknown[]), { sessions: 2, trackers: 2 });
  });
  afterAll(async () => {
    await new Promise((r) => setTimeout(r, 500)); // requests cut off at the end of a run finish first
    await baseline?.close();
    await t?.close();
    for (const k of ['SPAM_POW_MAX_NUMBER', 'FILINGS_PER_HOUR', 'TRACKING_ATTEMPTS_PER_10_MIN']) delete process.env[k];
  });

  it('generated a consistent data set: folio counters, timelines of 3 to 10 entries, points, counts', async () => {
    const q = (sql: string) => t.dataSource.query(sql);
    const [c] = await q(`SELECT count(*)::int AS n, count(latitude)::int AS points, count(DISTINCT category_id)::int AS categories, min(created_at) < now() - interval '4 years' AS old FROM cases`);
    expect(c.n).toBe(200);
    expect(c.points).toBeGreaterThan(20);
    expect(c.categories).toBeGreaterThan(15);
    expect(c.old).toBe(true);
    const [e] = await q(`SELECT min(n)::int AS min, max(n)::int AS max FROM (SELECT count(*) AS n FROM case_events GROUP BY case_id) x`);
    expect(e.min).toBeGreaterThanOrEqual(3);
    expect(e.max).toBeLessThanOrEqual(10);
    const bad = await q(`SELECT f.year FROM folio_counters f JOIN (SELECT year, max(seq) AS m FROM cases GROUP BY year) c USING (year) WHERE f.last <> c.m`);
    expect(bad).toEqual([]);
    const [counts] = await q(`SELECT (SELECT sum(n) FROM case_counts)::int AS kept`);
    expect(counts.kept).toBe(200);
    expect((await seedMeta((sql, p) => t.dataSource.query(sql, p as unknown[])))?.cases).toBe(200);
    expect(prep.tenEntryFolios.length).toBeGreaterThan(0);
    expect(prep.tracking.length).toBe(2);
  });

  for (const s of SCENARIOS.filter((x) => !x.pending)) {
    it(`runs «${s.key}» for 8 cycles on 2 connections with no error${s.baseline ? ' (and the baseline)' : ''}`, async () => {
      for (const target of s.baseline ? [base, baselineBase] : [base]) {
        const requests = s.requests(prep);
        // A fixed amount of work rather than a duration: a loaded CI machine slows it, never fails it.
        const r = await runLoad(target, requests, { connections: 2, seconds: 60, amount: 8 * requests.length, timeoutS: 30, report: s.report });
        expect({ target, errors: r.errors, samples: r.errorDetail.samples }).toEqual({ target, errors: 0, samples: [] });
        expect(r.requests).toBe(8 * requests.length);
      }
    });
  }
});
