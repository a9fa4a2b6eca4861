import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SYSTEM_ACTOR } from '../../src/audit/audit-actor';
import { Scheduler } from '../../src/jobs/scheduler';
import { ImapReader } from '../../src/mailbox/imap-reader';
import { MailboxIntake } from '../../src/mailbox/mailbox-intake.service';
import { MonitoringService } from '../../src/monitoring/monitoring.service';
import { createTestApp, TestApp } from '../support/app';
import { describeWithImap, rawMessage, TestImapServer } from '../support/imap';

const RSS = `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Huasteca Hoy</title><link>https://hoy.example.mx</link><description>x</description>
<item><title>Feria de Tampacán</title><link>https://hoy.example.mx/1</link><guid>1</guid></item></channel></rss>`;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const minGap = (times: number[]) => times.slice(1).reduce((m, t, i) => Math.min(m, t - times[i]), Infinity);

/**
 * Two instances on one database, with their timers running as in production: each periodic
 * job runs once per period across both (src/jobs/scheduler.ts), not once per instance.
 */
describeWithImap('scheduled work runs once per period across instances', () => {
  const imap = new TestImapServer();
  const MAILBOX_MS = 400;
  const FEED_MS = 1_200;
  let feeds: Server;
  const feedHits: number[] = [];
  let a: TestApp;
  let b: TestApp;
  let env: Record<string, string>;

  beforeAll(async () => {
    await imap.start();
    feeds = createServer((req, res) => {
      feedHits.push(Date.now());
      res.writeHead(200, { 'Content-Type': 'application/rss+xml' }).end(RSS);
    });
    await new Promise<void>((r) => feeds.listen(0, '127.0.0.1', () => r()));
    env = { ...imap.env(), IMAP_POLL_MS: String(MAILBOX_MS), OUTBOX_POLL_MS: '500', MONITORING_POLL_MINUTES: String(FEED_MS / 60_000), OUTBOUND_ALLOW_HOSTS: `127.0.0.1:${(feeds.address() as AddressInfo).port}` };
    a = await createTestApp(env);
    // The feed exists before the second instance starts: neither polls before a full period.
    await a.app.get(MonitoringService).addFeed({ name: 'Huasteca Hoy', url: `http://127.0.0.1:${(feeds.address() as AddressInfo).port}/hoy.xml` } as never, SYSTEM_ACTOR);
    b = await createTestApp(env, { schema: a.schema });
  });
  afterAll(async () => {
    await a?.app.get(Scheduler).onApplicationShutdown(); // no tick after its schema is dropped
    await b?.app.close();
    await a?.close();
    await imap.stop();
    feeds.closeAllConnections();
    await new Promise((r) => feeds.close(r));
    for (const k of Object.keys(env)) delete process.env[k];
  });

  it('downloads the IMAP mailbox once, and polls a monitoring feed once per period', async () => {
    const rounds: number[] = [];
    const parsed: string[] = [];
    for (const t of [a, b]) {
      const reader = t.app.get(ImapReader);
      const read = reader.read.bind(reader);
      jest.spyOn(reader, 'read').mockImplementation((...args) => (rounds.push(Date.now()), read(...args)));
      const intake = t.app.get(MailboxIntake);
      const ingest = intake.ingest.bind(intake);
      jest.spyOn(intake, 'ingest').mockImplementation((folder, uidValidity, m) => (parsed.push(String(m.uid)), ingest(folder, uidValidity, m)));
    }
    for (let i = 1; i <= 3; i++) await imap.append(rawMessage({ from: `Vecino ${i} <vecino${i}@example.com>`, subject: `Reporte ${i}`, text: `Luminaria apagada número ${i}.` }));
    const started = Date.now();
    await sleep(4 * FEED_MS + 300);
    const elapsed = Date.now() - started;

    // Each message downloaded and parsed once, by one instance or the other.
    expect(parsed.sort()).toEqual([...new Set(parsed)].sort());
    expect(parsed).toHaveLength(3);
    expect((await a.dataSource.query(`SELECT count(*)::int AS n FROM mail_messages`))[0].n).toBe(3);
    // One IMAP round per period between both instances (two instances ticking alone would make twice as many).
    expect(rounds.length).toBeGreaterThanOrEqual(2);
    expect(rounds.length).toBeLessThanOrEqual(Math.ceil(elapsed / MAILBOX_MS) + 1);
    expect(minGap(rounds)).toBeGreaterThanOrEqual(MAILBOX_MS * 0.8);
    // The feed: fetched once per period, never by both instances in the same period.
    expect(feedHits.length).toBeGreaterThanOrEqual(2);
    expect(feedHits.length).toBeLessThanOrEqual(Math.ceil(elapsed / FEED_MS) + 1);
    expect(minGap(feedHits)).toBeGreaterThanOrEqual(FEED_MS * 0.8);

    const jobs = await a.dataSource.query(`SELECT name, runs, failures, last_success_at FROM scheduled_jobs ORDER BY name`);
    expect(jobs.map((j: { name: string }) => j.name)).toEqual(expect.arrayContaining(['mailbox', 'monitoring-feeds', 'outbox']));
    expect(jobs.find((j: { name: string }) => j.name === 'mailbox').failures).toBe(0);
  });

  it('"Revisar ahora" on one instance waits for a round under way on the other, and both run it once', async () => {
    await imap.append(rawMessage({ from: 'Vecina <vecina@example.com>', subject: 'Reporte 4', text: 'Bache en la calle Hidalgo.' }));
    const { MailboxWorker } = await import('../../src/mailbox/mailbox.worker');
    const [ra, rb] = await Promise.all([a.app.get(MailboxWorker).fetchNow(), b.app.get(MailboxWorker).fetchNow()]);
    expect(ra.ok && rb.ok).toBe(true);
    expect((await a.dataSource.query(`SELECT count(*)::int AS n FROM mail_messages`))[0].n).toBe(4);
  });
});
