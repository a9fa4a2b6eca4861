/**
 * The SQL Cabildo sends for one request of each scenario, captured from the running app
 * (lib/sql-log.ts). The baseline must issue the same statements: this is how to check it.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Browser, csrfOf, multipart, solvePow } from './http';
import { startApp } from './processes';
import { BENCH_USER } from '../seed/seed';

export async function captureSql(opts: { url: string; schema: string; port: number; out: string; paths: { label: string; path: string }[]; folio: string }): Promise<string> {
  const log = `${opts.out}.jsonl`;
  rmSync(log, { force: true });
  const app = await startApp({ url: opts.url, schema: opts.schema, port: opts.port, sqlLog: log });
  const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) : []);
  const sections: string[] = [];
  const step = async (label: string, run: () => Promise<unknown>) => {
    await new Promise((r) => setTimeout(r, 300));
    const before = lines().length;
    await run();
    await new Promise((r) => setTimeout(r, 300));
    const sql = lines().slice(before).map((l) => JSON.parse(l) as { text: string; values?: unknown[] });
    sections.push(`## ${label} (${sql.length} statements)\n\n${sql.map((s) => `    ${s.text}${s.values?.length ? `\n      -- ${JSON.stringify(s.values).slice(0, 300)}` : ''}`).join('\n')}\n`);
  };
  try {
    const staff = new Browser(app.base);
    const login = await staff.get('/login');
    await staff.post('/login', { email: BENCH_USER.email, password: BENCH_USER.password, _csrf: csrfOf(login.text) });
    const citizen = new Browser(app.base);
    let form = '';
    await step('GET /solicitudes/nueva', async () => (form = (await citizen.get('/solicitudes/nueva')).text));
    await step('POST /solicitudes/nueva', async () => {
      const m = multipart({ type: 'report', categoryId: /<option value="(\d+)"/.exec(form)![1], description: 'Prueba de captura de SQL en la calle Juárez.', locality: 'Tancuilín', contactEmail: 'captura@ejemplo.mx', consent: 'on', altcha: solvePow(form), _csrf: csrfOf(form) });
      const res = await fetch(`${app.base}/solicitudes/nueva`, { method: 'POST', headers: { cookie: citizen.cookieHeader, 'content-type': m.contentType }, body: m.body, redirect: 'manual' });
      if (res.status !== 303) throw new Error(`filing: ${res.status} ${(await res.text()).slice(0, 500)}`);
    });
    for (const p of opts.paths) await step(`GET ${p.label}`, () => staff.get(p.path));
  } finally {
    await app.stop();
  }
  const text = `# SQL issued by Cabildo per request (captured ${new Date().toISOString()})\n\n${sections.join('\n')}`;
  writeFileSync(opts.out, text);
  return text;
}
