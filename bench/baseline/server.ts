/**
 * The baseline: plain fastify + pg, no ORM, no templates engine, issuing the SAME SQL as
 * Cabildo for the filing (scenario 1) and the inbox (scenario 2), statement for statement
 * (captured from the running app with `npm run bench -- --capture-sql`; the TypeORM
 * statements are copied as TypeORM writes them). What is left is the framework: Nest,
 * Express, handlebars, i18n, class-validator, TypeORM's hydration. Each Cabildo figure is a
 * ratio to this one, measured in the same run on the same data.
 *
 * It speaks the app's cookies: the session cookie (express-session's signed `cabildo.sid`,
 * rows in the same `session` table) so that the staff sessions the benchmark opens on the
 * app work here too, and the same proof of work (ALTCHA) on the public form.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import Fastify, { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatFolio, hashTrackingCode, newTrackingCode } from '../../src/cases/case-codes';
import { receiptEmail } from '../../src/cases/case-emails';
import { OPEN_STATUSES } from '../../src/cases/case-status';
import { addBusinessDays, businessDaysBetween } from '../../src/departments/business-days';
import { LOCALITIES } from '../../src/cases/localities';
import ES_CASES from '../../src/i18n/es/cases.json';

/** The Spanish labels the app shows, read once from its own i18n file (the baseline prints the same words). */
const ES = ES_CASES as unknown as {
  status: Record<string, string>; type: Record<string, string>; channel: Record<string, string>; priority: Record<string, string>; deadline: Record<string, Plural>;
};
type Plural = { zero?: string; one: string; other: string };
const PLURAL = new Intl.PluralRules('es-MX');
/** The same plural forms the app's i18n picks: «zero» for 0 where there is one, then the language's rule. */
const plural = (forms: Plural, n: number) => ((n === 0 && forms.zero) || forms[PLURAL.select(n) === 'one' ? 'one' : 'other']).replace('{n}', String(n));
const CHANNELS = ['web', 'counter', 'phone', 'email', 'social', 'hearing'];
const DATE = new Intl.DateTimeFormat('es-MX', { timeZone: 'America/Mexico_City', day: 'numeric', month: 'short', year: 'numeric' });
const DAY = new Intl.DateTimeFormat('es-MX', { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const altcha = require('altcha-lib/v1') as {
  createChallenge(o: { hmacKey: string; maxNumber: number; expires: Date }): Promise<{ algorithm: string; challenge: string; salt: string; signature: string; maxnumber?: number }>;
  verifySolution(payload: string, hmacKey: string, checkExpires?: boolean): Promise<boolean>;
};

/** What the baseline needs from a database: a query, and a transaction on one connection. */
export interface BaselineDb {
  query(text: string, params?: unknown[]): Promise<any[]>; // eslint-disable-line @typescript-eslint/no-explicit-any
  transaction<T>(run: (query: BaselineDb['query']) => Promise<T>): Promise<T>;
}

export interface BaselineOptions {
  db: BaselineDb;
  secret: string;
  powMaxNumber: number;
  timezone?: string;
}

const SESSION_COOKIE = 'cabildo.sid';
const IDLE_MS = 120 * 60_000;
const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');
const CASE_SEARCH_DOCUMENT = `c.search_vector`;
const STATUSES = ['received', 'in_review', 'routed', 'in_progress', 'resolved', 'closed', 'rejected', 'duplicate', 'reopened'];
const TYPES = ['complaint', 'report', 'service_request', 'petition', 'suggestion', 'commendation'];

const esc = (v: unknown) =>
  String(v ?? '').replace(/[&<>"'=`]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '=': '&#x3D;', '`': '&#x60;' })[c]!);

function cookies(req: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

/** express-session's cookie signature (cookie-signature): "s:" + sid + "." + base64 HMAC without padding. */
function sign(sid: string, secret: string): string {
  return `s:${sid}.${createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '')}`;
}
function unsign(value: string | undefined, secret: string): string | null {
  if (!value?.startsWith('s:')) return null;
  const sid = value.slice(2, value.lastIndexOf('.'));
  const a = Buffer.from(sign(sid, secret));
  const b = Buffer.from(value);
  return a.length === b.length && timingSafeEqual(a, b) ? sid : null;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function localDay(at: Date, tz: string): string {
  if (!dayFormats.has(tz)) dayFormats.set(tz, new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }));
  return dayFormats.get(tz)!.format(at);
}

function parseMultipart(body: string, contentType: string): Record<string, string> {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const out: Record<string, string> = {};
  if (!boundary) return out;
  for (const part of body.split(`--${boundary[1] ?? boundary[2]}`)) {
    const sep = part.indexOf('\r\n\r\n');
    const name = /name="([^"]+)"/.exec(part.slice(0, sep));
    if (sep < 0 || !name || /filename=/.test(part.slice(0, sep))) continue;
    out[name[1]] = part.slice(sep + 4).replace(/\r\n$/, '');
  }
  return out;
}

const layout = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="es-MX"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title><link rel="stylesheet" href="/static/css/cabildo.css"></head><body><header><a href="/">H. Ayuntamiento de Tampacán</a></header><main id="main">${body}</main></body></html>`;

/**
 * The inbox's two statements for a query string, as CasesRepository.inbox and countByStatus
 * write them (date order, the filters the scenarios use). Also used to EXPLAIN them.
 */
export function inboxStatements(q: Record<string, string | undefined>): { list: { text: string; params: unknown[] }; count: { text: string; params: unknown[] } } {
  const build = (withStatus: boolean) => {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const w: string[] = [];
    if (withStatus && STATUSES.includes(q.estado ?? '')) w.push(`c.status = ${p(q.estado)}`);
    if (withStatus && q.estado === 'abiertos') w.push(`c.status IN (${OPEN_SQL})`);
    if (TYPES.includes(q.tipo ?? '')) w.push(`c.type = ${p(q.tipo)}`);
    if (/^\d{1,9}$/.test(q.categoria ?? '')) w.push(`c.category_id = ${p(Number(q.categoria))}`);
    if (/^\d{1,9}$/.test(q.dependencia ?? '')) w.push(`c.department_id = ${p(Number(q.dependencia))}`);
    if (q.q?.trim()) {
      const words = q.q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
      const terms = words.length ? [...new Set(words)].slice(0, 8).map((x) => `${x}:*`).join(' & ') : null;
      if (terms) w.push(`${CASE_SEARCH_DOCUMENT} @@ to_tsquery('spanish'::regconfig, ${p(terms)})`);
    }
    return { w, params, p };
  };
  const list = build(true);
  const after = typeof q.despues === 'string' && q.despues.length < 100 ? q.despues.split('|') : null;
  const keyset = after?.length === 2 ? `(c.created_at, c.id) < (${list.p(after[0])}::timestamptz, ${list.p(Number(after[1]))}::int)` : null;
  const where = keyset ? [...list.w, keyset] : list.w;
  const listText = `SELECT c.id, c.folio, c.type, c.status, c.priority, c.channel, left(c.description, 160) AS excerpt, c.locality, cat.name AS "categoryName", d.name AS "departmentName", a.name AS "assigneeName", to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate", c.created_at AS "createdAt", c.created_at::text || '|' || c.id AS "sortKey" FROM cases c JOIN categories cat ON cat.id = c.category_id LEFT JOIN departments d ON d.id = c.department_id LEFT JOIN users a ON a.id = c.assignee_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.created_at DESC, c.id DESC LIMIT ${list.p(26)}`;
  // Ranked by relevance (orden=relevancia), as CasesRepository.inboxByRelevance: the newest 2 000 matches, ranked (first page).
  let listStatement = { text: listText, params: list.params };
  const r = q.orden === 'relevancia' ? build(true) : null;
  if (r && r.w.some((x) => x.includes('@@'))) {
    const terms = `to_tsquery('spanish'::regconfig, $${r.params.length})`;
    listStatement = {
      text: `SELECT c.id, c.folio, c.type, c.status, c.priority, c.channel, left(c.description, 160) AS excerpt, c.locality, cat.name AS "categoryName", d.name AS "departmentName", a.name AS "assigneeName", to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate", c.created_at AS "createdAt", r.rank::text || '|' || r.id AS "sortKey" FROM (SELECT m.id, m.rank FROM (SELECT n.id, ts_rank_cd(n.search_vector, ${terms}) AS rank FROM (SELECT c.id, ${CASE_SEARCH_DOCUMENT} AS search_vector FROM cases c WHERE ${r.w.join(' AND ')} ORDER BY c.created_at DESC, c.id DESC LIMIT 2000) n) m ORDER BY m.rank DESC, m.id DESC LIMIT ${r.p(26)}) r JOIN cases c ON c.id = r.id JOIN categories cat ON cat.id = c.category_id LEFT JOIN departments d ON d.id = c.department_id LEFT JOIN users a ON a.id = c.assignee_id ORDER BY r.rank DESC, r.id DESC`,
      params: r.params,
    };
  }
  // Counts as CasesRepository.countByStatus: a text search counted up to 1001 matches, other
  // filters (type, category, department) from the maintained counters.
  if (q.q?.trim()) {
    const count = build(false);
    return {
      list: listStatement,
      count: { text: `SELECT c.status, count(*)::int AS n FROM (SELECT c.status FROM cases c ${count.w.length ? `WHERE ${count.w.join(' AND ')}` : ''} LIMIT 1001) c GROUP BY c.status`, params: count.params },
    };
  }
  const cp: unknown[] = [];
  const kw: string[] = [];
  if (TYPES.includes(q.tipo ?? '')) kw.push(`k.type = $${cp.push(q.tipo)}`);
  if (/^\d{1,9}$/.test(q.categoria ?? '')) kw.push(`k.category_id = $${cp.push(Number(q.categoria))}`);
  if (/^\d{1,9}$/.test(q.dependencia ?? '')) kw.push(`k.department_id = $${cp.push(Number(q.dependencia))}`);
  return {
    list: listStatement,
    count: { text: `SELECT k.status, sum(k.n)::int AS n FROM case_counts k ${kw.length ? `WHERE ${kw.join(' AND ')}` : ''} GROUP BY k.status`, params: cp },
  };
}

export function buildBaseline(opts: BaselineOptions): FastifyInstance {
  const { db, secret } = opts;
  const tz = opts.timezone ?? 'America/Mexico_City';
  const powKey = createHmac('sha256', secret).update('cabildo-spam-guard').digest('hex');
  const app = Fastify({ logger: false });
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string', bodyLimit: 1_000_000 }, (req, body, done) => done(null, parseMultipart(body as string, req.headers['content-type'] ?? '')));
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))));

  const csrfFor = (browser: string) => createHmac('sha256', secret).update(`csrf:${browser}`).digest('base64url');

  /** The staff member of the request, as express-session + passport find it (same two statements), or null. */
  async function staff(req: FastifyRequest): Promise<{ sid: string; sess: Record<string, unknown>; user: { id: number; name: string; role: string; department_id: number | null } } | null> {
    const sid = unsign(cookies(req)[SESSION_COOKIE], secret);
    if (!sid) return null;
    const [row] = await db.query(`SELECT sess FROM "session" WHERE sid = $1 AND expire >= to_timestamp($2)`, [sid, Math.ceil(Date.now() / 1000)]);
    const sess = row && (typeof row.sess === 'string' ? JSON.parse(row.sess) : row.sess);
    const userId = sess?.passport?.user;
    if (!userId) return null;
    // As UsersRepository.sessionUser.
    const [user] = await db.query(
      `SELECT id, email, name, role, department_id AS "departmentId", must_change_password AS "mustChangePassword" FROM users WHERE id = $1 AND active`,
      [userId],
    );
    if (!user) return null;
    return { sid, sess, user: { id: user.id, name: user.name, role: user.role, department_id: user.departmentId } };
  }

  const touch = (sid: string) => db.query(`UPDATE "session" SET expire = to_timestamp($1) WHERE sid = $2 RETURNING sid`, [Math.ceil((Date.now() + IDLE_MS) / 1000), sid]);
  const holidays = async (today: string) => (new Set((await db.query(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM holidays WHERE day >= $1::date - 400`, [today])).map((r) => r.day as string)));

  const categoriesSql = (onlyActive: boolean) =>
    `SELECT c.id, c.name, c.description, c.default_department_id AS "defaultDepartmentId", d.name AS "departmentName", c.deadline_days AS "deadlineDays", c.active FROM categories c LEFT JOIN departments d ON d.id = c.default_department_id${onlyActive ? ' WHERE c.active' : ''} ORDER BY c.name`;

  app.get('/health', async () => ({ status: 'ok' }));

  // ---- Scenario 1: the public form and the filing ---------------------------------------

  app.get('/solicitudes/nueva', async (req, reply) => {
    let browser = cookies(req)['cabildo.b'];
    if (!browser) {
      browser = randomBytes(18).toString('base64url');
      reply.header('set-cookie', `cabildo.b=${browser}; Path=/; HttpOnly; SameSite=Lax`);
    }
    const categories = await db.query(categoriesSql(true));
    await db.query(
      `SELECT "q"."id" AS "q_id", "q"."category_id" AS "q_category_id", "q"."code" AS "q_code", "q"."question" AS "q_question", "q"."kind" AS "q_kind", "q"."required" AS "q_required", "q"."position" AS "q_position", "q"."help_text" AS "q_help_text", "q"."options" AS "q_options", "q"."active" AS "q_active", "q"."created_at" AS "q_created_at", "q"."updated_at" AS "q_updated_at", "c"."id" AS "c_id", "c"."name" AS "c_name" FROM "category_questions" "q" INNER JOIN "categories" "c" ON "c"."id"="q"."category_id" WHERE "q"."active" AND "c"."active" ORDER BY "c_name" ASC, "q"."position" ASC, "q"."id" ASC`,
    );
    const c = await altcha.createChallenge({ hmacKey: powKey, maxNumber: opts.powMaxNumber, expires: new Date(Date.now() + 30 * 60_000) });
    const options = categories.map((k) => `<option value="${k.id}">${esc(k.name)}</option>`).join('');
    reply.type('text/html; charset=utf-8');
    return layout(
      'Presentar una solicitud',
      `<h1>Presentar una solicitud</h1><form method="post" action="/solicitudes/nueva" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${esc(csrfFor(browser))}">` +
        `<label for="t">Tipo</label><select id="t" name="type">${TYPES.map((t) => `<option value="${t}">${t}</option>`).join('')}</select>` +
        `<label for="c">Categoría</label><select id="c" name="categoryId">${options}</select>` +
        `<label for="d">Descripción</label><textarea id="d" name="description"></textarea><label for="l">Localidad</label><input id="l" name="locality">` +
        `<input type="hidden" name="altcha" value=""><div class="pow" data-pow data-algorithm="${esc(c.algorithm)}" data-challenge="${esc(c.challenge)}" data-salt="${esc(c.salt)}" data-signature="${esc(c.signature)}" data-maxnumber="${c.maxnumber ?? opts.powMaxNumber}"></div>` +
        `<button type="submit">Enviar</button></form>`,
    );
  });

  app.post('/solicitudes/nueva', async (req: FastifyRequest<{ Body: Record<string, string> }>, reply: FastifyReply) => {
    const browser = cookies(req)['cabildo.b'];
    const f = req.body ?? {};
    // The token travels in the multipart body, as Cabildo's form sends it (never in the URL).
    if (!browser || f._csrf !== csrfFor(browser)) return reply.code(403).send('csrf');
    const errors: string[] = [];
    if (!TYPES.includes(f.type)) errors.push('type');
    if (!f.description || f.description.length > 4000) errors.push('description');
    if (!f.locality || f.locality.length < 2 || f.locality.length > 120) errors.push('locality');
    if (f.consent !== 'on') errors.push('consent');
    if (f.website) errors.push('spam');
    let pow = false;
    try {
      const payload = JSON.parse(Buffer.from(f.altcha ?? '', 'base64').toString('utf8')) as { signature?: string };
      pow = !!payload.signature && (await altcha.verifySolution(f.altcha, powKey, false));
      // Spent once for every instance, as the app's ThrottleRepository.spendOnce does.
      if (pow) pow = (await db.query(`INSERT INTO used_tokens (id, expires_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id`, [`pow:${payload.signature}`, new Date(Date.now() + 30 * 60_000)])).length === 1;
    } catch {
      pow = false;
    }
    if (!pow) errors.push('challenge');
    // Filings per address per hour, taken in one statement before the filing (ThrottleRepository.take).
    if (!errors.length) {
      const now = new Date();
      const [hits] = await db.query(
        `INSERT INTO throttle_counters AS t (key, window_start, hits) VALUES ($1, $2, 1)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN t.window_start <= $3 THEN 1 ELSE least(t.hits + 1, $4::int + 1) END,
         window_start = CASE WHEN t.window_start <= $3 THEN $2 ELSE t.window_start END
       RETURNING hits, window_start`,
        [`file:${req.ip}`, now, new Date(now.getTime() - 3600_000), 100_000_000],
      );
      if (hits.hits > 100_000_000) errors.push('rate');
    }
    await db.query(
      `SELECT "CategoryQuestion"."id" AS "CategoryQuestion_id", "CategoryQuestion"."category_id" AS "CategoryQuestion_category_id", "CategoryQuestion"."code" AS "CategoryQuestion_code", "CategoryQuestion"."question" AS "CategoryQuestion_question", "CategoryQuestion"."kind" AS "CategoryQuestion_kind", "CategoryQuestion"."required" AS "CategoryQuestion_required", "CategoryQuestion"."position" AS "CategoryQuestion_position", "CategoryQuestion"."help_text" AS "CategoryQuestion_help_text", "CategoryQuestion"."options" AS "CategoryQuestion_options", "CategoryQuestion"."active" AS "CategoryQuestion_active", "CategoryQuestion"."created_at" AS "CategoryQuestion_created_at", "CategoryQuestion"."updated_at" AS "CategoryQuestion_updated_at" FROM "category_questions" "CategoryQuestion" WHERE (("CategoryQuestion"."category_id" = $1) AND ("CategoryQuestion"."active" = $2)) ORDER BY "CategoryQuestion"."position" ASC, "CategoryQuestion"."id" ASC`,
      [Number(f.categoryId) || 0, true],
    );
    const [category] = await db.query(
      `SELECT "Category"."id" AS "Category_id", "Category"."name" AS "Category_name", "Category"."description" AS "Category_description", "Category"."default_department_id" AS "Category_default_department_id", "Category"."deadline_days" AS "Category_deadline_days", "Category"."active" AS "Category_active", "Category"."created_at" AS "Category_created_at", "Category"."updated_at" AS "Category_updated_at" FROM "categories" "Category" WHERE (("Category"."id" = $1)) LIMIT 1`,
      [Number(f.categoryId)],
    );
    if (!category?.Category_active) errors.push('categoryId');
    if (errors.length) return reply.code(422).type('text/html; charset=utf-8').send(layout('Presentar una solicitud', `<p>Revise: ${esc(errors.join(', '))}</p>`));
    const code = newTrackingCode();
    const email = f.contactEmail ? f.contactEmail.trim().toLowerCase() : null;
    const receipt = await db.transaction(async (q) => {
      const now = new Date();
      const today = localDay(now, tz);
      const year = Number(today.slice(0, 4));
      const days = new Set<string>((await q(`SELECT to_char(day, 'YYYY-MM-DD') AS day FROM holidays WHERE day >= $1::date - 400`, [today])).map((r) => r.day));
      const dueDate = addBusinessDays(today, category.Category_deadline_days, days);
      const [d] =
        email && category.Category_default_department_id
          ? await q(
              `SELECT "Department"."id" AS "Department_id", "Department"."name" AS "Department_name", "Department"."head_name" AS "Department_head_name", "Department"."email" AS "Department_email", "Department"."phone" AS "Department_phone", "Department"."active" AS "Department_active", "Department"."created_at" AS "Department_created_at", "Department"."updated_at" AS "Department_updated_at" FROM "departments" "Department" WHERE (("Department"."id" = $1)) LIMIT 1`,
              [category.Category_default_department_id],
            )
          : [];
      const filedAt = now.toLocaleString('es-MX', { timeZone: tz, dateStyle: 'long', timeStyle: 'short' });
      const [counter] = await q(`INSERT INTO folio_counters AS f (year, last) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last = f.last + 1 RETURNING last`, [year]);
      const seq = Number(counter.last);
      const folio = formatFolio(year, seq);
      const [c] = await q(
        `INSERT INTO "cases"("folio", "year", "seq", "tracking_code_hash", "type", "category_id", "department_id", "assignee_id", "status", "priority", "channel", "description", "answers", "locality", "neighborhood", "street", "reference", "latitude", "longitude", "contact_name", "contact_email", "contact_phone", "consent_at", "consent_version", "due_date", "first_response_at", "resolved_at", "closed_at", "duplicate_of_id", "satisfaction_score", "satisfaction_comment", "anonymized_at", "citizen_email_at", "created_by_id", "version", "created_at", "updated_at") VALUES ($1, $2, $3, $4, $5, $6, $7, DEFAULT, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, $25, DEFAULT, $26, $27) RETURNING "id", "status", "priority", "channel", "answers", "version", "created_at", "updated_at"`,
        [folio, year, seq, hashTrackingCode(code), f.type, category.Category_id, category.Category_default_department_id, 'received', 2, 'web', f.description, '[]', f.locality, f.neighborhood || null, f.street || null, f.reference || null, null, null, f.contactName || null, email, f.contactPhone || null, now, '2026-01', dueDate, null, now, now],
      );
      await q(`INSERT INTO "case_events"("case_id", "kind", "public", "body", "data", "actor_id", "actor_label", "created_at") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING "id", "public", "data", "created_at"`, [
        c.id, 'filed', true, null, JSON.stringify({ channel: 'web', dueDate, categoryName: category.Category_name }), null, 'Ciudadano(a)', now,
      ]);
      await q(`INSERT INTO "audit_log"("at", "user_id", "actor", "action", "entity_type", "entity_id", "ip", "details") VALUES (DEFAULT, $1, $2, $3, $4, $5, $6, $7) RETURNING "id", "at", "details"`, [
        null, 'público', 'case.create', 'case', folio, req.ip, JSON.stringify({ channel: 'web', categoryId: category.Category_id, attachments: 0 }),
      ]);
      if (email) {
        const message = receiptEmail({ publicUrl: 'http://localhost:3000', municipality: 'Tampacán, San Luis Potosí' }, email, { folio, code, name: f.contactName || null, categoryName: category.Category_name, departmentName: d?.Department_name ?? null, dueDate, filedAt });
        // The receipt starts the case's email conversation (mailbox threading): a new case has no thread to read.
        await q(`INSERT INTO "case_message_ids"("case_id", "message_id", "direction", "created_at") VALUES ($1, $2, $3, DEFAULT) ON CONFLICT DO NOTHING RETURNING "id", "created_at"`, [
          c.id, `<${folio}.${randomBytes(10).toString('hex')}@tampacan.gob.mx>`, 'out',
        ]);
        await q(`INSERT INTO "outbox"("kind", "reference", "payload", "status", "attempts", "next_attempt_at", "claimed_until", "last_error", "result", "created_at", "sent_at") VALUES ($1, $2, $3, $4, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT, DEFAULT) RETURNING id`, [
          'email', `case:${c.id}`, JSON.stringify(message), 'held',
        ]);
      }
      return { folio, caseId: c.id as number };
    });
    // The receipt goes into a new session, as express-session stores it.
    const sid = randomBytes(24).toString('base64url');
    const expires = new Date(Date.now() + IDLE_MS);
    const sess = { cookie: { originalMaxAge: IDLE_MS, expires: expires.toISOString(), secure: false, httpOnly: true, path: '/', sameSite: 'lax' }, receipts: { [receipt.folio]: code }, tracked: [receipt.caseId] };
    // The app writes this session twice (its save-before-redirect, then express-session's own save): so does the baseline.
    for (let i = 0; i < 2; i++) {
      await db.query(`INSERT INTO "session" (sess, expire, sid) SELECT $1, to_timestamp($2), $3 ON CONFLICT (sid) DO UPDATE SET sess=$1, expire=to_timestamp($2) RETURNING sid`, [JSON.stringify(sess), Math.ceil(expires.getTime() / 1000), sid]);
    }
    reply.header('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(sign(sid, secret))}; Path=/; Expires=${expires.toUTCString()}; HttpOnly; SameSite=Lax`);
    return reply.code(303).header('location', `/solicitudes/acuse/${receipt.folio}`).send();
  });

  // ---- Scenario 2: the inbox -----------------------------------------------------------

  app.get('/casos', async (req: FastifyRequest<{ Querystring: Record<string, string | undefined> }>, reply: FastifyReply) => {
    const who = await staff(req);
    if (!who) return reply.code(303).header('location', '/login').send();
    const q = req.query;
    const today = localDay(new Date(), tz);
    const hol = await holidays(today);
    const sql = inboxStatements(q);
    const rows = await db.query(sql.list.text, sql.list.params);
    const counts = await db.query(sql.count.text, sql.count.params);
    const categories = await db.query(categoriesSql(false));
    // As DepartmentsRepository.options.
    const departments = await db.query(`SELECT id AS value, name AS "labelText" FROM departments WHERE active ORDER BY name`);
    const assignees = await db.query(`SELECT id, name, role FROM users WHERE active AND (role IN ('attention', 'admin') OR (role = 'liaison' AND department_id = $1)) ORDER BY name`, [who.user.department_id ?? 0]);
    await touch(who.sid);

    const items = rows.slice(0, 25);
    const base = new URLSearchParams(Object.entries(q).filter(([k, v]) => k !== 'despues' && typeof v === 'string' && v !== '') as [string, string][]);
    const next = new URLSearchParams(base);
    if (rows.length > 25) next.set('despues', items[items.length - 1].sortKey);
    const byStatus = Object.fromEntries(counts.map((c) => [c.status, c.n]));
    const sel = (a: unknown, b: unknown) => (a != null && String(a) === String(b) ? ' selected' : '');
    const select = (id: string, name: string, label: string, options: [unknown, string][]) =>
      `<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${name}"><option value="">Todos</option>${options.map(([v, l]) => `<option value="${esc(v)}"${sel(v, q[name])}>${esc(l)}</option>`).join('')}</select></div>`;
    const row = (r: Record<string, any>) => { // eslint-disable-line @typescript-eslint/no-explicit-any
      const open = OPEN_STATUSES.includes(r.status);
      const left = businessDaysBetween(today, r.dueDate, hol);
      const state = !open ? 'done' : left < 0 ? 'overdue' : left <= 2 ? 'soon' : 'ok';
      const words = state === 'overdue' ? `<strong>${plural(ES.deadline.overdue, -left)}</strong>` : state === 'soon' ? `<strong>${plural(ES.deadline.soon, left)}</strong>` : state === 'ok' ? plural(ES.deadline.left, left) : '';
      return `<tr class="due-${state}"><td><a href="/casos/${esc(r.folio)}"><strong>${esc(r.folio)}</strong></a><br><small class="muted">${DATE.format(new Date(r.createdAt))}</small></td>` +
        `<td><span class="small muted">${esc(ES.type[r.type])} · ${esc(r.categoryName)} · ${esc(r.locality)}</span><br>${esc(r.excerpt)}${r.priority > 2 ? ` <span class="badge ${r.priority === 4 ? 'err' : 'warn'}">${esc(ES.priority[r.priority])}</span>` : ''}</td>` +
        `<td><span class="status status-${esc(r.status)}">${esc(ES.status[r.status])}</span>${r.assigneeName ? `<br><small>${esc(r.assigneeName)}</small>` : ''}</td>` +
        `<td>${r.departmentName ? esc(r.departmentName) : '<span class="muted">Sin dependencia</span>'}</td>` +
        `<td><span class="deadline deadline-${state}">${DAY.format(new Date(`${r.dueDate}T12:00:00Z`))}<br>${words}</span></td></tr>`;
    };
    reply.type('text/html; charset=utf-8');
    return layout(
      'Solicitudes',
      `<div class="page-head"><h1>Solicitudes</h1><a class="button" href="/casos/nueva">Registrar una solicitud</a></div>` +
        `<nav aria-label="Vistas" class="tabs"><a href="/casos">Todas</a> · <a href="/casos?vista=sin_asignar">Sin asignar</a> · <a href="/casos?vista=mios">Mías</a> · <a href="/casos?vista=vencidos">Vencidas</a> · <a href="/casos?vista=por_vencer">Por vencer</a></nav>` +
        `<form method="get" action="/casos" class="filters" role="search" aria-label="Filtros"><div class="field search"><label for="q">Buscar</label><input id="q" name="q" type="search" value="${esc(q.q)}" placeholder="Palabras, folio o calle"></div>` +
        select('f-estado', 'estado', 'Estado', STATUSES.map((x) => [x, ES.status[x]])) +
        select('f-tipo', 'tipo', 'Tipo', TYPES.map((x) => [x, ES.type[x]])) +
        select('f-categoria', 'categoria', 'Categoría', categories.map((c) => [c.id, c.name])) +
        select('f-dependencia', 'dependencia', 'Dependencia', departments.map((d) => [d.value, d.labelText])) +
        select('f-asignado', 'asignado', 'Asignada a', assignees.map((u) => [u.id, u.name])) +
        select('f-canal', 'canal', 'Canal', CHANNELS.map((x) => [x, ES.channel[x]])) +
        `<div class="field"><label for="f-localidad">Localidad</label><input id="f-localidad" name="localidad" type="text" list="inbox-localities" value="${esc(q.localidad)}"><datalist id="inbox-localities">${LOCALITIES.map((l) => `<option value="${esc(l)}"></option>`).join('')}</datalist></div>` +
        select('f-plazo', 'plazo', 'Plazo', [['vencidos', 'Vencidas'], ['por_vencer', 'Por vencer']]) +
        `<div class="field"><label for="f-desde">Desde</label><input id="f-desde" name="desde" type="date" value="${esc(q.desde)}"></div><div class="field"><label for="f-hasta">Hasta</label><input id="f-hasta" name="hasta" type="date" value="${esc(q.hasta)}"></div>` +
        select('f-orden', 'orden', 'Orden', [['plazo', 'Plazo'], ['prioridad', 'Prioridad']]) +
        `<div class="field"><button type="submit">Filtrar</button></div></form>` +
        `<nav class="counts" aria-label="Solicitudes por estado">${STATUSES.map((x) => { const h = new URLSearchParams(base); h.set('estado', x); return `<a href="/casos?${esc(h.toString())}" class="count">${esc(ES.status[x])}: <strong>${byStatus[x] ?? 0}</strong></a>`; }).join(' ')}</nav>` +
        `<div class="table-wrap" tabindex="0" role="region" aria-label="Solicitudes"><table class="cases"><caption class="visually-hidden">Solicitudes</caption><thead><tr><th scope="col">Folio</th><th scope="col">Solicitud</th><th scope="col">Estado</th><th scope="col">Dependencia</th><th scope="col">Plazo</th></tr></thead><tbody>` +
        (items.length ? items.map(row).join('') : '<tr><td colspan="5">No hay solicitudes con estos filtros.</td></tr>') +
        `</tbody></table></div><p class="page-foot">${rows.length > 25 ? `<a class="button secondary" href="/casos?${esc(next.toString())}">Ver más</a>` : ''} <a href="/casos/exportar.csv?${esc(base.toString())}">Exportar CSV</a></p>`,
    );
  });

  return app;
}
