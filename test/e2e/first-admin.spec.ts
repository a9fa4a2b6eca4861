import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import request from 'supertest';
import { loadConfig } from '../../src/config/config';
import { DEMO_PRESS_CREW, DEMO_USERS } from '../../src/demo/demo.service';
import { DEMO_API_KEY } from '../../src/open311/open311-demo';
import { csrfFrom } from '../support/app';
import { AppProcess, freePort, withDb } from '../support/app-process';

const ROOT = join(__dirname, '..', '..');
const embedded = process.env.CABILDO_TEST_DB === 'embedded';
const SECRET = 'una-clave-de-sesion-de-prueba-de-32-caracteres-o-mas';

describe('configuration defaults that depend on the environment', () => {
  it('loads no demo data in production unless asked for; the demo keeps it', () => {
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET }).DEMO_DATA).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DEMO_DATA: '' }).DEMO_DATA).toBe(false);
    expect(loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET, DEMO_DATA: 'true' }).DEMO_DATA).toBe(true);
    expect(loadConfig({}).DEMO_DATA).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).DEMO_DATA).toBe(true);
  });

  it('derives the public address from PORT when PUBLIC_URL is unset (issue 16, item 18)', () => {
    expect(loadConfig({ PORT: '3101' }).PUBLIC_URL).toBe('http://localhost:3101');
    expect(loadConfig({ PORT: '3101', PUBLIC_URL: '' }).PUBLIC_URL).toBe('http://localhost:3101');
    expect(loadConfig({}).PUBLIC_URL).toBe('http://localhost:3000');
    expect(loadConfig({ PORT: '3101', PUBLIC_URL: 'https://atencion.tampacan.gob.mx' }).PUBLIC_URL).toBe('https://atencion.tampacan.gob.mx');
  });
});

/**
 * `npm run admin -- …` against the app's schema. Asynchronous: with the embedded test database,
 * the database is served by this very process and must keep answering while the command runs.
 */
function adminCommand(schema: string, ...args: string[]): Promise<{ status: number; out: string }> {
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', SESSION_SECRET: SECRET, DATABASE_URL: process.env.DATABASE_URL, DATABASE_SCHEMA: schema, LOG_LEVEL: 'error' };
  return new Promise((resolve) => {
    execFile(process.execPath, ['-r', join(ROOT, 'test/support/ts-register.js'), join(ROOT, 'src/auth/admin-cli.ts'), ...args], { cwd: ROOT, env, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, out: `${stdout}${stderr}` });
    });
  });
}

const passwordIn = (out: string) => /Contraseña de un solo uso: (\S+)/.exec(out)?.[1];

async function signIn(agent: request.Agent, email: string, password: string) {
  const page = await agent.get('/login');
  return agent.post('/login').type('form').send({ email, password, _csrf: csrfFrom(page.text) });
}

/**
 * A town hall's production install on an empty database (issue 15 H3, issue 14 item 2): no
 * account with a known password, no published API key; the start-up log says how to create the
 * first administrator; the command creates one who must change the password before anything else.
 */
describe('a production start on an empty database, and its first administrator', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let app: AppProcess;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    app = new AppProcess(port, {
      NODE_ENV: 'production',
      SESSION_SECRET: SECRET,
      DEMO_DATA: '', // as an installation that never mentions it
      LOG_LEVEL: 'log',
      DATABASE_URL: process.env.DATABASE_URL!,
      DATABASE_SCHEMA: schema,
      DATABASE_POOL_SIZE: embedded ? '1' : '4',
    });
    await app.start(120_000);
  });
  afterAll(async () => {
    await app?.stop();
    await withDb(schema, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
  });

  it('has no demo account, no demo API key, and says how to create the first administrator', async () => {
    for (const u of [...DEMO_USERS, ...DEMO_PRESS_CREW]) {
      expect((await signIn(request.agent(app.url), u.email, u.password)).status).toBe(422);
    }
    const open311 = await request(app.url).post('/open311/v2/requests.json').type('form').send({ api_key: DEMO_API_KEY, service_code: '1', description: 'Bache', lat: '21.4', long: '-98.9' });
    expect(open311.status).toBe(403);
    expect(app.output).toContain('npm run admin -- create --email');
    // The log line names the port it listens on, not the default 3000 (PUBLIC_URL unset).
    expect(app.output).toContain(`http://localhost:${port}`);
    await withDb(schema, async (c) => {
      expect((await c.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(0);
      expect((await c.query('SELECT count(*)::int AS n FROM api_keys')).rows[0].n).toBe(0);
    });
  });

  it('creates an administrator with a one-time password that must be changed before anything else', async () => {
    const bad = await adminCommand(schema, 'create', '--email', 'no-es-correo', '--name', 'Ana');
    expect(bad.status).not.toBe(0);
    expect(bad.out).toMatch(/correo/i);

    const created = await adminCommand(schema, 'create', '--email', 'TI@Tampacan.gob.mx', '--name', 'Ana Torres Ruiz');
    expect(created).toEqual({ status: 0, out: expect.stringContaining("Contraseña de un solo uso") });
    const once = passwordIn(created.out)!;
    expect(once).toBeTruthy();
    expect((await adminCommand(schema, 'create', '--email', 'ti@tampacan.gob.mx', '--name', 'Otra')).out).toMatch(/Ya existe una cuenta/);

    const agent = request.agent(app.url);
    const login = await signIn(agent, 'ti@tampacan.gob.mx', once);
    expect(login.status).toBe(303);
    expect(login.headers.location).toBe('/cuenta/contrasena');
    // Every staff route leads to the change of password, pages and JSON alike, reads and writes.
    for (const path of ['/panel', '/casos', '/admin/usuarios', '/admin/api']) {
      const page = await agent.get(path);
      expect([path, page.status, page.headers.location]).toEqual([path, 303, '/cuenta/contrasena']);
    }
    const json = await agent.get('/casos').set('Accept', 'application/json');
    expect(json.status).toBe(403);
    expect(json.body).toMatchObject({ statusCode: 403, error: 'password_change_required' });
    const form = await agent.get('/cuenta/contrasena');
    expect(form.status).toBe(200);
    const write = await agent.post('/admin/usuarios').type('form').send({ _csrf: csrfFrom(form.text), email: 'otro@tampacan.gob.mx', name: 'Otro', role: 'admin', password: 'Clave-Segura-2026', active: 'on' });
    expect(write.status).toBe(303);
    expect(write.headers.location).toBe('/cuenta/contrasena');
    await withDb(schema, async (c) => expect((await c.query('SELECT count(*)::int AS n FROM users')).rows[0].n).toBe(1));

    const changed = await agent.post('/cuenta/contrasena').type('form').send({ _csrf: csrfFrom(form.text), current: once, password: 'Cabildo-Abierto-2027', confirm: 'Cabildo-Abierto-2027' });
    expect(changed.status).toBe(303);
    expect((await agent.get('/casos')).status).toBe(200);
    expect((await agent.get('/admin/usuarios')).status).toBe(200);
  });

  it('resets a locked-out administrator: a new one-time password, and every session of theirs ends', async () => {
    const agent = request.agent(app.url);
    expect((await signIn(agent, 'ti@tampacan.gob.mx', 'Cabildo-Abierto-2027')).status).toBe(303);
    expect((await agent.get('/panel')).status).toBe(200);

    const reset = await adminCommand(schema, 'reset', '--email', 'ti@tampacan.gob.mx');
    expect(reset).toEqual({ status: 0, out: expect.stringContaining("Contraseña de un solo uso") });
    const once = passwordIn(reset.out)!;
    expect(once).toBeTruthy();
    expect((await adminCommand(schema, 'reset', '--email', 'nadie@tampacan.gob.mx')).out).toMatch(/No existe/);

    const after = await agent.get('/panel');
    expect(after.status).toBe(303);
    expect(after.headers.location).toMatch(/^\/login/);
    expect((await signIn(request.agent(app.url), 'ti@tampacan.gob.mx', 'Cabildo-Abierto-2027')).status).toBe(422);
    const again = request.agent(app.url);
    const login = await signIn(again, 'ti@tampacan.gob.mx', once);
    expect(login.headers.location).toBe('/cuenta/contrasena');
  });
});
