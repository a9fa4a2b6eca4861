import request from 'supertest';
import { createTestApp, csrfFrom, TestApp } from '../support/app';
import { actionCsrf, seedCategory, solvePow } from '../support/cases';

type Http = TestApp['http'];

const trackPage = async (http: Http, from?: string) => {
  const agent = request.agent(http);
  const form = from ? await agent.get('/seguimiento').set('X-Forwarded-For', from) : await agent.get('/seguimiento');
  return { agent, csrf: csrfFrom(form.text) };
};
const track = (p: { agent: request.Agent; csrf: string }, from?: string) => {
  const req = p.agent.post('/seguimiento').type('form');
  if (from) req.set('X-Forwarded-For', from);
  return req.send({ folio: 'AC-2026-000999', code: 'NO-EXISTE-0000', _csrf: p.csrf });
};

/**
 * Limits that hold (issue 14 item 6, issue 15 L3 and M7): every attempt is counted in one
 * statement, so concurrent requests over two instances let exactly the limit through;
 * TRUST_PROXY decides which address counts; the no-JavaScript question is no cheaper way
 * past the proof of work; password spraying meets a limit per address and per account.
 */
describe('limits that hold', () => {
  let a: TestApp;
  let b: TestApp;
  let categoryId: number;
  const env = {
    TRUST_PROXY: 'loopback',
    TRACKING_ATTEMPTS_PER_10_MIN: '20',
    FILINGS_PER_HOUR: '6',
    FILINGS_WITHOUT_POW_PER_HOUR: '2',
    FILINGS_WITHOUT_POW_PER_HOUR_TOTAL: '5',
    SPAM_POW_MAX_NUMBER: '100',
    LOGIN_ATTEMPTS_PER_MINUTE: '100',
    LOGIN_FAILURES_PER_ADDRESS_PER_HOUR: '8',
    LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR: '5',
  };

  beforeAll(async () => {
    a = await createTestApp(env);
    b = await createTestApp(env, { schema: a.schema });
    categoryId = (await seedCategory(a, { name: 'Alumbrado' })).category.id;
  });
  afterAll(async () => {
    await b?.app.close();
    await a?.close();
    for (const k of Object.keys(env)) delete process.env[k];
  });

  it('lets exactly the limit through when 100 tracking attempts arrive at once over two instances', async () => {
    const from = '198.51.100.7';
    const pages = await Promise.all(Array.from({ length: 100 }, (_, i) => trackPage((i % 2 ? b : a).http, from)));
    const answers = await Promise.all(pages.map((p) => track(p, from)));
    const through = answers.filter((r) => r.status !== 429);
    expect(through).toHaveLength(20);
    expect(through.every((r) => r.status === 422)).toBe(true);
  });

  it('behind a trusted proxy, distinct citizens get distinct buckets; the proxy’s own address is not one', async () => {
    const citizens = Array.from({ length: 25 }, (_, i) => `203.0.113.${i + 1}`);
    const answers = await Promise.all(citizens.map(async (ip) => track(await trackPage(a.http, ip), ip)));
    expect(answers.map((r) => r.status)).toEqual(citizens.map(() => 422));
  });

  /** The public form, filed with the proof of work (as with JavaScript) or with the arithmetic question (without). */
  const file = async (t: TestApp, from: string, how: 'pow' | 'question', n: number) => {
    const agent = request.agent(t.http);
    const page = await agent.get('/solicitudes/nueva').set('X-Forwarded-For', from);
    const fields: Record<string, string> = { type: 'report', categoryId: String(categoryId), description: `Luminaria apagada número ${n} en la calle Hidalgo`, locality: 'Tampacán (cabecera municipal)', consent: 'on' };
    if (how === 'pow') fields.altcha = solvePow(page.text);
    else {
      const token = /name="challengeToken" value="([^"]+)"/.exec(page.text)![1];
      const [x, y] = token.split('.');
      fields.challengeToken = token;
      fields.challengeAnswer = String(Number(x) + Number(y));
    }
    fields._csrf = actionCsrf(page.text);
    const req = agent.post('/solicitudes/nueva').set('X-Forwarded-For', from);
    for (const [k, v] of Object.entries(fields)) req.field(k, v);
    return req;
  };
  const filed = (rs: { status: number }[]) => rs.filter((r) => r.status === 303).length;

  it('holds the hourly filing limit under a rush over two instances', async () => {
    const rush = await Promise.all(Array.from({ length: 16 }, (_, i) => file(i % 2 ? b : a, '198.51.100.20', 'pow', i)));
    expect(filed(rush)).toBe(6);
    expect(rush.filter((r) => r.status === 429)).toHaveLength(10);
  });

  it('makes the no-JavaScript question no cheaper way past the proof of work (L3)', async () => {
    // Its answer is in the page, so a script reads it for free: it gets a much smaller allowance,
    // per address and across all addresses, while the proof of work keeps the ordinary one.
    const one = '198.51.100.30';
    const q = [];
    for (let i = 0; i < 3; i++) q.push(await file(a, one, 'question', 100 + i));
    expect(q.map((r) => r.status)).toEqual([303, 303, 429]);
    expect(q[2].text).toContain('JavaScript');
    expect((await file(a, one, 'pow', 110)).status).toBe(303);

    // Rotating addresses: the total of question filings per hour holds too, all at once.
    const many = await Promise.all(Array.from({ length: 8 }, (_, i) => file(i % 2 ? b : a, `198.51.100.${40 + i}`, 'question', 120 + i)));
    expect(filed(many)).toBe(3); // 5 in all, 2 of them taken above
    expect((await file(b, '198.51.100.60', 'pow', 140)).status).toBe(303);
  });

  describe('password spraying (M7)', () => {
    const signIn = async (t: TestApp, email: string, password: string, from: string) => {
      const agent = request.agent(t.http);
      const page = await agent.get('/login').set('X-Forwarded-For', from);
      return agent.post('/login').set('X-Forwarded-For', from).type('form').send({ email, password, _csrf: csrfFrom(page.text) });
    };

    it('limits one address across accounts, however many emails it rotates', async () => {
      const real = await a.factories.user('attention');
      const from = '198.51.100.80';
      const statuses = [];
      for (let i = 0; i < 8; i++) statuses.push((await signIn(i % 2 ? b : a, `persona${i}@tampacan.gob.mx`, 'Adivina-2026', from)).status);
      expect(statuses.every((s) => s === 422)).toBe(true);
      const next = await signIn(a, real.email, real.password, from);
      expect(next.status).toBe(429);
      expect(next.text).toContain('Demasiados intentos');
      // Another address is not affected.
      expect((await signIn(b, real.email, real.password, '198.51.100.81')).status).toBe(303);
    });

    it('limits one account across addresses, and tells its owner once', async () => {
      const victim = await a.factories.user('press', { email: 'victima.prensa@tampacan.gob.mx' });
      // Twelve guesses at once, from twelve addresses, over both instances.
      const statuses = (await Promise.all(Array.from({ length: 12 }, (_, i) => signIn(i % 2 ? b : a, victim.email, `Intento-${i}-2026`, `203.0.113.${100 + i}`)))).map((r) => r.status);
      expect(statuses.filter((s) => s === 422)).toHaveLength(5);
      expect(statuses.filter((s) => s === 429)).toHaveLength(7);
      // Even the right password waits until the window passes (or an administrator resets it).
      expect((await signIn(a, victim.email, victim.password, '203.0.113.200')).status).toBe(429);
      const notices = await a.dataSource.query(`SELECT payload FROM outbox WHERE kind = 'email' AND payload->>'to' = $1`, [victim.email]);
      expect(notices).toHaveLength(1);
      expect(notices[0].payload.subject).toMatch(/intentos/i);
      expect(notices[0].payload.text).toContain('5');
    });
  });
});

/** The same app as a town hall that put no proxy in front (TRUST_PROXY unset). */
describe('without a trusted proxy', () => {
  let direct: TestApp;
  beforeAll(async () => {
    direct = await createTestApp({ TRACKING_ATTEMPTS_PER_10_MIN: '20' });
  });
  afterAll(async () => {
    await direct?.close();
    delete process.env.TRACKING_ATTEMPTS_PER_10_MIN;
  });

  it('without TRUST_PROXY, a forged X-Forwarded-For is ignored: every attempt counts against the real address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await track(await trackPage(direct.http, `192.0.2.${i + 1}`), `192.0.2.${i + 1}`)).status);
    expect(statuses.slice(0, 20).every((s) => s === 422)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
