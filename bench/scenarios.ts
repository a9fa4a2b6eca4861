/**
 * The scenarios of the benchmark, and what each needs prepared on a running app (staff
 * sessions, the cursor of page 200, folios with a 10-entry timeline, tracked cases).
 */
import { hashApiKey, prefixOf } from '../src/open311/api-keys';
import { benchTrackingCode } from './seed/generate';
import { BENCH_USER, Sql } from './seed/seed';
import { COMMON_WORD, RARE_WORD } from './seed/vocabulary';
import { Browser, csrfOf, multipart, nextLink, solvePow } from './lib/http';
import type { RequestDef } from './lib/load';

export interface Prepared {
  /** Cookie headers of signed-in staff sessions (attention role), used round-robin. */
  staff: string[];
  categoryIds: number[];
  departmentId: number;
  /** The inbox address of page 200 (reached by walking the "next" links), and how many pages were walked. */
  page200: string;
  pagesWalked: number;
  /** Cases whose timeline has exactly 10 entries. */
  tenEntryFolios: string[];
  /** Open cases at triage (their page looks for similar cases). */
  openFolios: string[];
  /** Citizen sessions that follow one case each. */
  tracking: { cookie: string; folio: string }[];
  /** An Open311 api_key with no practical rate limit. */
  apiKey: string;
}

/** The benchmark's Open311 client key (its prefix finds it; stored hashed like any other). */
export const BENCH_API_KEY = 'c311_bench0000001_BenchmarkLoadGeneratorKey0123456789';

export interface Scenario {
  key: string;
  group: number;
  title: string;
  /** Also run against the baseline (scenarios 1 and 2). */
  baseline: boolean;
  /** Part of the inbox scale curve (10 k → 100 k → 1 M). */
  curve: boolean;
  /** The request whose latency is reported (the POST of a filing). */
  report?: string;
  /** The query string of the inbox request, for EXPLAIN (inbox scenarios). */
  inboxQuery?: (p: Prepared) => Record<string, string>;
  requests(p: Prepared): RequestDef[];
  pending?: string;
}

const roundRobin = <T>(list: T[]) => {
  let i = 0;
  return () => list[i++ % list.length];
};

const page = (marker: RegExp) => (status: number, body: string) => status === 200 && marker.test(body);

/** A GET of a staff page, spread over the signed-in sessions. */
function staffGet(label: string, p: Prepared, path: () => string, marker: RegExp): RequestDef {
  const cookie = roundRobin(p.staff);
  return { label, build: () => ({ path: path(), headers: { cookie: cookie() } }), check: page(marker) };
}

function cookieJar(ctx: Record<string, unknown>, headers: Record<string, string>) {
  const jar = (ctx.jar as Record<string, string>) ?? {};
  const set = headers['set-cookie'] as unknown;
  for (const c of Array.isArray(set) ? set : set ? [set] : []) {
    const [pair] = String(c).split(';');
    const i = pair.indexOf('=');
    jar[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
  }
  ctx.jar = jar;
  return Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ');
}

/** The inbox page rendered to its end (a filter may match nothing at a tiny scale). */
const INBOX_PAGE = /<\/table>/;

const inbox = (key: string, title: string, query: (p: Prepared) => Record<string, string>, marker = INBOX_PAGE): Scenario => ({
  key,
  group: 2,
  title,
  baseline: true,
  curve: true,
  inboxQuery: query,
  requests: (p) => {
    const qs = new URLSearchParams(query(p)).toString();
    return [staffGet(key, p, () => `/casos${qs ? `?${qs}` : ''}`, marker)];
  },
});

export const SCENARIOS: Scenario[] = [
  {
    key: 'filing',
    group: 1,
    title: 'Presentar una solicitud (GET formulario + POST con CSRF y prueba de trabajo)',
    baseline: true,
    curve: false,
    report: 'POST',
    requests: (p) => {
      const category = roundRobin(p.categoryIds);
      let n = 0;
      return [
        {
          label: 'GET',
          build: () => ({ path: '/solicitudes/nueva' }),
          check: (status, body, headers, ctx) => {
            ctx.cookie = cookieJar(ctx, headers);
            ctx.html = body;
            return status === 200 && body.includes('data-challenge=');
          },
        },
        {
          label: 'POST',
          method: 'POST',
          build: (ctx) => {
            const html = String(ctx.html ?? '');
            n++;
            const m = multipart({
              _csrf: csrfOf(html),
              type: 'report',
              categoryId: String(category()),
              description: `Benchmark ${n}: la lámpara de la calle Juárez no enciende desde hace una semana, frente a la escuela.`,
              locality: 'Tancuilín',
              street: 'Calle Juárez 12',
              contactName: 'Persona de Prueba',
              contactEmail: n % 2 ? `bench${n}@ejemplo.mx` : '',
              consent: 'on',
              website: '',
              altcha: solvePow(html),
            });
            return { path: '/solicitudes/nueva', headers: { cookie: String(ctx.cookie ?? ''), 'content-type': m.contentType }, body: m.body };
          },
          check: (status, _body, headers) => status === 303 && String(headers.location ?? '').startsWith('/solicitudes/acuse/AC-'),
        },
      ];
    },
  },
  inbox('inbox-first', 'Bandeja: primera página, filtros por omisión', () => ({})),
  inbox('inbox-filters', 'Bandeja: tres filtros (estado, tipo, dependencia)', (p) => ({ estado: 'in_progress', tipo: 'report', dependencia: String(p.departmentId) })),
  inbox('search-common', `Bandeja: búsqueda de texto, palabra común («${COMMON_WORD}»), recientes primero`, () => ({ q: COMMON_WORD })),
  inbox('search-ranked', `Bandeja: búsqueda de texto, palabra común («${COMMON_WORD}»), por relevancia (entre las 2 000 más recientes)`, () => ({ q: COMMON_WORD, orden: 'relevancia' })),
  inbox('search-rare', `Bandeja: búsqueda de texto, palabra rara («${RARE_WORD}»)`, () => ({ q: RARE_WORD })),
  {
    key: 'inbox-page200',
    group: 2,
    title: 'Bandeja: página 200 por cursor (keyset)',
    baseline: true,
    curve: true,
    inboxQuery: (p) => Object.fromEntries(new URLSearchParams(p.page200.split('?')[1] ?? '')),
    requests: (p) => [staffGet('inbox-page200', p, () => p.page200, INBOX_PAGE)],
  },
  {
    key: 'case-page',
    group: 3,
    title: 'Página de un caso con historial de 10 entradas',
    baseline: false,
    curve: false,
    requests: (p) => {
      const folio = roundRobin(p.tenEntryFolios);
      return [staffGet('case-page', p, () => `/casos/${folio()}`, /AC-\d{4}-\d{6}/)];
    },
  },
  {
    key: 'case-open',
    group: 3,
    title: 'Página de un caso abierto en triage (con casos parecidos)',
    baseline: false,
    curve: false,
    requests: (p) => {
      const folio = roundRobin(p.openFolios);
      return [staffGet('case-open', p, () => `/casos/${folio()}`, /AC-\d{4}-\d{6}/)];
    },
  },
  {
    key: 'tracking',
    group: 4,
    title: 'Seguimiento ciudadano (página del caso con su historial público)',
    baseline: false,
    curve: false,
    requests: (p) => {
      const next = roundRobin(p.tracking);
      return [
        {
          label: 'tracking',
          build: () => {
            const t = next();
            return { path: `/seguimiento/${t.folio}`, headers: { cookie: t.cookie } };
          },
          check: page(/AC-\d{4}-\d{6}/),
        },
      ];
    },
  },
  {
    key: 'open311-list',
    group: 5,
    title: 'Open311: GET requests.json, ventana de 30 días (hasta 1 000 solicitudes)',
    baseline: false,
    curve: false,
    requests: () => {
      const to = new Date();
      const from = new Date(to.getTime() - 30 * 86_400_000);
      const qs = new URLSearchParams({ start_date: from.toISOString(), end_date: to.toISOString() }).toString();
      return [{ label: 'open311-list', build: () => ({ path: `/open311/v2/requests.json?${qs}` }), check: (status, body) => status === 200 && body.startsWith('[') }];
    },
  },
  {
    key: 'open311-post',
    group: 5,
    title: 'Open311: POST requests.json (con api_key)',
    baseline: false,
    curve: false,
    requests: (p) => {
      const category = roundRobin(p.categoryIds);
      let n = 0;
      return [
        {
          label: 'open311-post',
          method: 'POST',
          build: () => {
            n++;
            const body = new URLSearchParams({
              api_key: p.apiKey, service_code: String(category()), lat: (21.39 + (n % 100) * 0.0003).toFixed(6), long: (-98.75 - (n % 50) * 0.0003).toFixed(6),
              description: `Reporte ${n} desde la aplicación: bache profundo frente a la escuela`, email: n % 3 ? '' : `app${n}@ejemplo.mx`, first_name: 'Prueba', last_name: 'Carga',
            }).toString();
            return { path: '/open311/v2/requests.json', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body };
          },
          check: (status, body) => status === 200 && body.includes('service_request_id'),
        },
      ];
    },
  },
];

/** Sign in `n` staff sessions, walk the inbox to page 200, pick folios, and open tracking sessions. */
export async function prepare(base: string, sql: Sql, opts: { sessions?: number; trackers?: number; log?: (s: string) => void } = {}): Promise<Prepared> {
  const log = opts.log ?? (() => undefined);
  const staff: string[] = [];
  for (let i = 0; i < (opts.sessions ?? 16); i++) {
    const b = new Browser(base);
    const form = await b.get('/login');
    const res = await b.post('/login', { email: BENCH_USER.email, password: BENCH_USER.password, _csrf: csrfOf(form.text) });
    if (res.status !== 303) throw new Error(`No se pudo iniciar sesión como ${BENCH_USER.email}: ${res.status}`);
    staff.push(b.cookieHeader);
  }
  const walker = new Browser(base);
  walker.cookies.set('cabildo.sid', staff[0].match(/cabildo\.sid=([^;]+)/)![1]);
  let path = '/casos';
  let pages = 1;
  for (; pages < 200; pages++) {
    const res = await walker.get(path);
    const next = res.status === 200 ? nextLink(res.text) : null;
    if (!next) break;
    path = next;
  }
  log(`  caminé ${pages} páginas de la bandeja por cursor`);
  const categoryIds = (await sql(`SELECT id FROM categories WHERE active ORDER BY id`)).map((r: { id: number }) => r.id);
  const [dept] = await sql(`SELECT id FROM departments WHERE name = 'Obras Públicas'`);
  const [{ max }] = await sql(`SELECT max(id)::int AS max FROM cases`);
  const from = Math.max(0, Math.floor(max * 0.5));
  // Cases with a 10-entry timeline (at a tiny scale there may be none: the longest ones then).
  const tenEntryFolios = (
    await sql(
      `SELECT c.folio FROM cases c JOIN (SELECT case_id, count(*) AS n FROM case_events WHERE case_id BETWEEN $1 AND $2 GROUP BY case_id ORDER BY (count(*) = 10) DESC, count(*) DESC LIMIT 50) t ON t.case_id = c.id`,
      [from, from + 20_000],
    )
  ).map((r: { folio: string }) => r.folio);
  const openFolios = (await sql(`SELECT folio FROM cases WHERE status IN ('received', 'in_review') ORDER BY id DESC LIMIT 50`)).map((r: { folio: string }) => r.folio);
  const tracked: { id: number; folio: string }[] = await sql(`SELECT id, folio FROM cases WHERE id % 97 = 3 ORDER BY id DESC LIMIT $1`, [opts.trackers ?? 16]);
  const tracking: Prepared['tracking'] = [];
  for (const t of tracked) {
    const b = new Browser(base);
    const form = await b.get('/seguimiento');
    const res = await b.post('/seguimiento', { folio: t.folio, code: benchTrackingCode(t.id), _csrf: csrfOf(form.text) });
    if (res.status !== 303) throw new Error(`Seguimiento de ${t.folio} rechazado: ${res.status}`);
    tracking.push({ cookie: b.cookieHeader, folio: t.folio });
  }
  if (!tenEntryFolios.length) throw new Error('No hay casos con 10 entradas de historial');
  await sql(
    `INSERT INTO api_keys (client_name, contact_email, prefix, key_hash, rate_limit_per_minute) VALUES ('Benchmark (bench/)', NULL, $1, $2, 1000000000)
     ON CONFLICT (prefix) DO UPDATE SET key_hash = EXCLUDED.key_hash, rate_limit_per_minute = EXCLUDED.rate_limit_per_minute, revoked_at = NULL`,
    [prefixOf(BENCH_API_KEY), hashApiKey(BENCH_API_KEY)],
  );
  return { staff, categoryIds, departmentId: dept.id, page200: path, pagesWalked: pages, tenEntryFolios, openFolios: openFolios.length ? openFolios : tenEntryFolios, tracking, apiKey: BENCH_API_KEY };
}
