import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { AppProcess, freePort, withDb } from '../support/app-process';
import { createTestApp } from '../support/app';
import { fileRequest, seedCategory } from '../support/cases';
import { TestSmtpServer } from '../support/smtp';

const embedded = process.env.CABILDO_TEST_DB === 'embedded';
const LOAD = 24;
const KILL_AFTER = 8; // filings answered before the kill

type Outcome = { i: number; folio?: string; error?: string };

/**
 * The app is killed with SIGKILL (no shutdown hook runs) while 24 citizens are filing, then
 * started again. Folios stay distinct and gap-free, what was cut off before its commit does not
 * exist, and every receipt email goes out after the restart.
 */
describe('kill -9 in the middle of a load of filings', () => {
  const smtp = new TestSmtpServer();
  let schema: string;
  let categoryId: number;
  let app: AppProcess;
  const uploads = mkdtempSync(join(tmpdir(), 'cabildo-kill-'));

  beforeAll(async () => {
    await smtp.start();
    // Migrate and seed the schema in this process, then let go of its connection before the child starts.
    const t = await createTestApp();
    schema = t.schema;
    categoryId = (await seedCategory(t, { name: 'Agua potable' })).category.id;
    await t.app.close();
    app = new AppProcess(await freePort(), {
      DATABASE_URL: process.env.DATABASE_URL!,
      DATABASE_SCHEMA: schema,
      // The embedded database serves two connections: one for the app, one for this test's checks.
      DATABASE_POOL_SIZE: embedded ? '1' : '4',
      SMTP_URL: smtp.url,
      OUTBOX_POLL_MS: '100',
      FILINGS_PER_HOUR: '1000',
      SPAM_POW_MAX_NUMBER: '100',
      UPLOADS_DIR: uploads,
    });
  });
  afterAll(async () => {
    await app?.stop('SIGKILL');
    if (schema) await withDb(schema, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
    await smtp.stop();
    rmSync(uploads, { recursive: true, force: true });
  });

  const file = async (i: number): Promise<Outcome> => {
    try {
      const res = await fileRequest(request.agent(app.url), { type: 'report', categoryId: String(categoryId), description: `Fuga de agua número ${i} en la calle principal.`, locality: 'Tancuilín', contactEmail: `vecino${i}@ejemplo.mx` });
      if (res.status !== 303) return { i, error: `HTTP ${res.status}` };
      return { i, folio: res.headers.location.split('/').pop() };
    } catch (e) {
      return { i, error: (e as Error).message }; // the connection was cut by the kill
    }
  };

  it('keeps folios distinct and gap-free, loses no committed case, and the outbox resumes', async () => {
    // A slow mail server, so that the worker is in the middle of sending when the kill lands.
    smtp.delayMs = 300;
    await app.start();
    let answered = 0;
    let killed: Promise<void> | undefined;
    const first = await Promise.all(
      Array.from({ length: LOAD }, (_, i) =>
        file(i).then((o) => {
          if (o.folio && ++answered === KILL_AFTER) killed = app.stop('SIGKILL');
          return o;
        }),
      ),
    );
    await killed;
    smtp.delayMs = 0;
    const cut = first.filter((o) => !o.folio);
    expect(first.filter((o) => o.folio).length).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(cut.length).toBeGreaterThan(0); // the kill did land mid-load
    for (const o of cut) expect(o.error).not.toMatch(/^HTTP/); // cut off, not refused

    // The worker claims one email at a time: the kill strands at most the one it was sending,
    // whose claim lasts its lease (two minutes). Let that time pass.
    const leased = await withDb(schema, async (c) => (await c.query(`UPDATE outbox SET claimed_until = NULL WHERE status = 'pending' AND claimed_until IS NOT NULL`)).rowCount ?? 0);
    expect(leased).toBeLessThanOrEqual(1);
    // Likewise the outbox round's own lease in the scheduler (30 s, src/jobs/scheduler.ts).
    await withDb(schema, (c) => c.query(`UPDATE scheduled_jobs SET running_until = NULL`));

    // Started again, it takes the rest of the load: the citizens who got no answer file again.
    await app.start();
    const second = await Promise.all(cut.map((o) => file(o.i)));
    expect(second.filter((o) => !o.folio)).toEqual([]);

    const answeredFolios = [...first, ...second].flatMap((o) => (o.folio ? [o.folio] : []));
    const year = new Date().getFullYear();
    const { cases, counter } = await withDb(schema, async (c) => {
      // Every email of a saved case goes out once the new instance's worker gets to it.
      for (let i = 0; i < 150; i++) {
        const { rows } = await c.query(`SELECT count(*)::int AS n FROM outbox WHERE status <> 'sent'`);
        if (rows[0].n === 0) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      const cases = (
        await c.query(
          `SELECT c.folio, c.seq, c.contact_email,
                  (SELECT count(*)::int FROM case_events e WHERE e.case_id = c.id AND e.kind = 'filed') AS filed_events,
                  (SELECT count(*)::int FROM audit_log a WHERE a.entity_type = 'case' AND a.entity_id = c.folio AND a.action = 'case.create') AS audits,
                  (SELECT array_agg(o.status) FROM outbox o WHERE o.reference = 'case:' || c.id) AS mails
             FROM cases c ORDER BY c.seq`,
        )
      ).rows as { folio: string; seq: number; contact_email: string; filed_events: number; audits: number; mails: string[] }[];
      const counter = (await c.query(`SELECT last FROM folio_counters WHERE year = $1`, [year])).rows[0]?.last as number;
      return { cases, counter };
    });

    // Gap-free and distinct: 1..N, and the counter gave out exactly N numbers.
    expect(cases.map((c) => c.seq)).toEqual(Array.from({ length: cases.length }, (_, k) => k + 1));
    expect(new Set(cases.map((c) => c.folio)).size).toBe(cases.length);
    expect(counter).toBe(cases.length);
    // Every folio a citizen was shown is a saved case; some cut-off filings may have committed before the kill.
    expect(cases.length).toBeGreaterThanOrEqual(answeredFolios.length);
    expect(cases.length).toBeLessThanOrEqual(answeredFolios.length + cut.length);
    const saved = new Set(cases.map((c) => c.folio));
    for (const f of answeredFolios) expect(saved.has(f)).toBe(true);
    // Each saved case is whole: its timeline, its audit entry, its receipt email.
    for (const c of cases) expect({ folio: c.folio, filed: c.filed_events, audits: c.audits, mails: c.mails }).toEqual({ folio: c.folio, filed: 1, audits: 1, mails: ['sent'] });

    // Every receipt reached the mail server; only an email in flight at the kill (sent, not yet
    // marked sent) may arrive twice: delivery is at least once.
    const copies = cases.map((c) => smtp.received.filter((m) => m.parsed.subject === `Acuse de recibo: solicitud ${c.folio}`).length);
    for (const n of copies) expect(n).toBeGreaterThanOrEqual(1);
    const duplicates = copies.reduce((s, n) => s + n - 1, 0);
    expect(duplicates).toBeLessThanOrEqual(leased);
    expect(smtp.received.length).toBe(cases.length + duplicates);
  });
});
