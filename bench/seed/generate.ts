/**
 * Realistic cases, generated deterministically (the same --cases gives the same rows), as
 * column arrays ready for INSERT ... SELECT FROM unnest(...). Pure: no database here.
 */
import { createHash, createHmac } from 'node:crypto';
import { formatFolio, hashTrackingCode } from '../../src/cases/case-codes';
import { CATEGORIES, CITIZEN_INFO, CLOSINGS, COMMON_WORD, FIRST_NAMES, LANDMARKS, LOCALITIES, NEIGHBORHOODS, NOTES, OPENINGS, RARE_WORD, REPLIES, SINCE, STREETS, SURNAMES, TYPOS } from './vocabulary';

export const GENERATOR_VERSION = 4; // the data; the schema follows the migrations
const YEARS = 5;
const DAY = 86_400_000;
const CITIZEN = 'Ciudadano(a)';

/** mulberry32: small, fast, good enough to spread benchmark data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** The tracking code of a generated case, derived from its id, so the benchmark can follow any folio. */
export function benchTrackingCode(id: number): string {
  const bytes = createHmac('sha256', 'cabildo-bench').update(String(id)).digest();
  let out = '';
  for (let i = 0; i < 20; i++) out += ALPHABET[bytes[i] & 31];
  return out.match(/.{5}/g)!.join('-');
}

/** Local civil date in Mexico City (UTC-6; the summer hour before 2022 does not matter here). */
function localDay(t: number): string {
  return new Date(t - 6 * 3600_000).toISOString().slice(0, 10);
}

/** `days` business days (Monday to Friday) after a civil date: the app's rule without holidays, on numbers (a million times). */
function dueDay(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const wd = d.getUTCDay();
    if (wd !== 0 && wd !== 6) left--;
  }
  return d.toISOString().slice(0, 10);
}

export interface SeedRefs {
  categories: { id: number; name: string; departmentId: number; days: number }[];
  departments: { id: number; name: string }[];
  /** Triage staff (attention) who act on cases. */
  attention: { id: number; name: string }[];
  /** Liaisons by department id. */
  liaisons: Map<number, { id: number; name: string }[]>;
}

export const CASE_COLUMNS = [
  ['id', 'int'], ['folio', 'varchar'], ['year', 'int'], ['seq', 'int'], ['tracking_code_hash', 'varchar'], ['type', 'varchar'], ['category_id', 'int'],
  ['department_id', 'int'], ['assignee_id', 'int'], ['status', 'varchar'], ['priority', 'smallint'], ['channel', 'varchar'], ['description', 'text'],
  ['locality', 'varchar'], ['neighborhood', 'varchar'], ['street', 'varchar'], ['reference', 'varchar'], ['latitude', 'float8'], ['longitude', 'float8'],
  ['contact_name', 'varchar'], ['contact_email', 'varchar'], ['contact_phone', 'varchar'], ['consent_at', 'timestamptz'], ['consent_version', 'varchar'],
  ['due_date', 'date'], ['first_response_at', 'timestamptz'], ['resolved_at', 'timestamptz'], ['closed_at', 'timestamptz'], ['duplicate_of_id', 'int'],
  ['satisfaction_score', 'smallint'], ['satisfaction_comment', 'text'], ['created_by_id', 'int'], ['version', 'int'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
] as const;

export const EVENT_COLUMNS = [
  ['case_id', 'int'], ['kind', 'varchar'], ['public', 'bool'], ['body', 'text'], ['data', 'jsonb'], ['actor_id', 'int'], ['actor_label', 'varchar'], ['created_at', 'timestamptz'],
] as const;

export type Columns = unknown[][];

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)];
}
function weighted<T>(r: () => number, table: readonly [T, number][]): T {
  let x = r() * table.reduce((a, [, w]) => a + w, 0);
  for (const [v, w] of table) if ((x -= w) < 0) return v;
  return table[table.length - 1][0];
}

const TYPES: [string, number][] = [['service_request', 40], ['report', 25], ['complaint', 20], ['petition', 8], ['suggestion', 5], ['commendation', 2]];
const CHANNELS: [string, number][] = [['web', 45], ['counter', 20], ['phone', 15], ['email', 8], ['social', 8], ['hearing', 4]];
const PRIORITIES: [number, number][] = [[1, 15], [2, 60], [3, 20], [4, 5]];

/** The final status of a case of a given age (days): old cases are mostly closed, recent ones open. */
function statusFor(r: () => number, ageDays: number): string {
  if (ageDays < 3) return weighted(r, [['received', 50], ['in_review', 25], ['routed', 20], ['rejected', 3], ['duplicate', 2]]);
  if (ageDays < 30) return weighted(r, [['received', 5], ['in_review', 10], ['routed', 25], ['in_progress', 30], ['resolved', 20], ['rejected', 5], ['duplicate', 3], ['reopened', 2]]);
  if (ageDays < 120) return weighted(r, [['routed', 5], ['in_progress', 10], ['resolved', 25], ['closed', 50], ['rejected', 6], ['duplicate', 3], ['reopened', 1]]);
  return weighted(r, [['routed', 1], ['in_progress', 2], ['resolved', 4], ['closed', 78], ['rejected', 10], ['duplicate', 5]]);
}

function stripAccents(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC');
}

/** What a person writes: an opening, the problem, where, since when, a closing; sometimes hurried. */
function description(r: () => number, problems: string[], rare: boolean): string {
  const parts = [pick(r, OPENINGS), pick(r, problems)];
  if (r() < 0.45) parts.push(`en la ${COMMON_WORD} ${pick(r, STREETS).replace(/^(Calle|Av\.) /, '')}`);
  parts.push(pick(r, LANDMARKS), pick(r, SINCE));
  if (rare) parts.push(`y anoche un ${RARE_WORD} se metió a las casas`);
  parts.push(pick(r, CLOSINGS));
  let text = parts.filter(Boolean).join(' ').replace(/ ([,.])/g, '$1');
  text = text.charAt(0).toUpperCase() + text.slice(1);
  if (!/[.!?]$/.test(text)) text += '.';
  if (r() < 0.25) {
    for (let i = 0; i < 2; i++) {
      const [re, typo] = pick(r, TYPOS);
      text = text.replace(re, typo);
    }
  }
  if (r() < 0.2) text = stripAccents(text);
  if (r() < 0.1) text = text.toLowerCase();
  else if (r() < 0.04) text = text.toUpperCase();
  return text;
}

type Event = { kind: string; public: boolean; body: string | null; data: Record<string, unknown>; actor: { id: number; name: string } | null };

/** Generates cases in id order; keeps the per-year folio counters as it goes. */
export class CaseGenerator {
  readonly start: number;
  readonly counters = new Map<number, number>();
  /** One case in RARE_EVERY mentions the rare word. */
  static readonly RARE_EVERY = 20_000;

  constructor(
    readonly total: number,
    readonly refs: SeedRefs,
    readonly now = Date.now(),
  ) {
    this.start = now - YEARS * 365 * DAY;
  }

  /** Filing instant of case `id` (1-based): spread over 5 years, more cases in recent years; increasing with id. */
  createdAt(id: number): number {
    const span = this.now - 3600_000 - this.start;
    const x = (id - 0.5) / this.total;
    const jitter = (rng(id * 7919)() - 0.5) * 0.8 * (span / this.total);
    return Math.round(this.start + span * Math.pow(x, 0.8) + jitter);
  }

  /** Columns for cases [from, to] and their timelines. Must be called in increasing id order. */
  batch(from: number, to: number): { cases: Columns; events: Columns } {
    const cases: Columns = CASE_COLUMNS.map(() => []);
    const events: Columns = EVENT_COLUMNS.map(() => []);
    const push = (cols: Columns, row: unknown[]) => {
      for (let i = 0; i < row.length; i++) cols[i].push(row[i]);
    };
    const { categories, attention, liaisons } = this.refs;
    for (let id = from; id <= to; id++) {
      const r = rng(createHash('md5').update(`case:${id}`).digest().readUInt32LE(0));
      const created = this.createdAt(id);
      const day = localDay(created);
      const year = Number(day.slice(0, 4));
      const seq = (this.counters.get(year) ?? 0) + 1;
      this.counters.set(year, seq);
      const cat = pick(r, categories);
      const spec = CATEGORIES.find((c) => c.name === cat.name) ?? CATEGORIES[0];
      const channel = weighted(r, CHANNELS);
      const staffFiler = channel === 'web' ? null : pick(r, attention);
      const ageDays = (this.now - created) / DAY;
      const status = statusFor(r, ageDays);
      const localityIndex = Math.min(LOCALITIES.length - 1, Math.floor(LOCALITIES.length * Math.pow(r(), 3)));
      const locality = LOCALITIES[localityIndex];
      const hasPoint = r() < 0.3;
      const lat = hasPoint ? 21.35 + (localityIndex % 15) * 0.008 + (r() - 0.5) * 0.004 : null;
      const lon = hasPoint ? -98.78 + Math.floor(localityIndex / 15) * 0.008 + (r() - 0.5) * 0.004 : null;
      const first = pick(r, FIRST_NAMES);
      const last = `${pick(r, SURNAMES)} ${pick(r, SURNAMES)}`;
      const named = r() < 0.75;
      const email = named && r() < 0.6 ? `${stripAccents(first).toLowerCase()}.${stripAccents(last.split(' ')[0]).toLowerCase()}${id % 1000}@${pick(r, ['gmail.com', 'hotmail.com', 'yahoo.com.mx', 'outlook.com'])}` : null;
      const phone = r() < 0.4 ? `48${Math.floor(r() * 10)} ${String(Math.floor(r() * 1000)).padStart(3, '0')} ${String(Math.floor(r() * 10000)).padStart(4, '0')}` : null;
      const dueDate = dueDay(day, cat.days);
      const department = this.refs.departments.find((d) => d.id === cat.departmentId)!;
      const deptLiaisons = liaisons.get(cat.departmentId) ?? attention;
      const triage = pick(r, attention);
      const worker = pick(r, deptLiaisons);
      const rare = id % CaseGenerator.RARE_EVERY === 7;

      // The path that leads to the status, then padding to a 3–10 entry timeline.
      const path: Event[] = [{ kind: 'filed', public: true, body: null, data: { channel, dueDate, categoryName: cat.name }, actor: staffFiler }];
      const st = (fromS: string, toS: string, actor = triage, body: string | null = null): Event => ({ kind: 'status', public: true, body, data: { from: fromS, to: toS }, actor });
      const routed = () => {
        path.push(st('received', 'in_review'));
        path.push({ kind: 'routed', public: false, body: null, data: { departmentId: department.id, departmentName: department.name, override: false }, actor: triage });
        path.push({ kind: 'status', public: true, body: null, data: { from: 'in_review', to: 'routed', departmentName: department.name }, actor: triage });
      };
      let assignee: { id: number; name: string } | null = null;
      const progress = () => {
        routed();
        assignee = worker;
        path.push({ kind: 'assigned', public: false, body: null, data: { assigneeId: worker.id, assigneeName: worker.name }, actor: triage });
        path.push(st('routed', 'in_progress', worker));
      };
      const resolve = () => {
        progress();
        path.push({ kind: 'public_reply', public: true, body: pick(r, REPLIES), data: {}, actor: worker });
        path.push(st('in_progress', 'resolved', worker, 'Trabajo concluido.'));
      };
      let score: number | null = null;
      switch (status) {
        case 'in_review': path.push(st('received', 'in_review')); break;
        case 'routed': routed(); break;
        case 'in_progress': progress(); break;
        case 'resolved': resolve(); break;
        case 'closed':
          resolve();
          path.push(st('resolved', 'closed'));
          if (r() < 0.4) {
            score = 1 + Math.floor(r() * 5);
            path.push({ kind: 'survey', public: true, body: score >= 4 ? 'Muy buena atención.' : null, data: { score }, actor: null });
          }
          break;
        case 'rejected': path.push(st('received', 'in_review'), st('in_review', 'rejected', triage, 'No es competencia del municipio.')); break;
        case 'duplicate': path.push({ kind: 'duplicate', public: true, body: null, data: { originalFolio: null, from: 'received' }, actor: triage }); break;
        case 'reopened':
          resolve();
          path.push({ kind: 'reopened', public: true, body: 'El problema volvió a aparecer.', data: { from: 'resolved', to: 'reopened' }, actor: null });
          break;
      }
      const target = Math.max(path.length, 3 + Math.floor(r() * 8));
      while (path.length < target) {
        const extra: Event = weighted<Event>(r, [
          [{ kind: 'internal_note', public: false, body: pick(r, NOTES), data: {}, actor: assignee ?? triage }, 4],
          [{ kind: 'citizen_info', public: true, body: pick(r, CITIZEN_INFO), data: {}, actor: null }, 3],
          [{ kind: 'public_reply', public: true, body: pick(r, REPLIES), data: {}, actor: assignee ?? triage }, 2],
          [{ kind: 'classified', public: false, body: null, data: { priority: { from: 2, to: 3 } }, actor: triage }, 1],
        ]);
        path.splice(1 + Math.floor(r() * (path.length - (path.length > 1 ? 1 : 0))), 0, extra);
      }

      // Times: increasing, within the case's active life (until now for open ones).
      const life = Math.min(this.now - created, (status === 'received' ? 2 : 20 + r() * 60) * DAY);
      const offsets = path.map((_, i) => (i === 0 ? 0 : r() * life)).sort((a, b) => a - b);
      const at = offsets.map((o) => created + Math.round(o));
      const timeOf = (pred: (e: Event) => boolean) => {
        const i = path.findIndex(pred);
        return i >= 0 ? new Date(at[i]).toISOString() : null;
      };
      const resolvedAt = ['resolved', 'closed'].includes(status) ? timeOf((e) => e.kind === 'status' && e.data.to === 'resolved') : null;
      const closedAt = ['closed', 'rejected', 'duplicate'].includes(status) ? new Date(at[at.length - 1]).toISOString() : null;
      const firstResponse = timeOf((e) => e.kind === 'public_reply' || (e.kind === 'status' && ['resolved', 'rejected'].includes(e.data.to as string)));
      const dupOf = status === 'duplicate' && id > 1 ? Math.max(1, id - 1 - Math.floor(r() * 200)) : null;

      push(cases, [
        id, formatFolio(year, seq), year, seq, hashTrackingCode(benchTrackingCode(id)), weighted(r, TYPES), cat.id,
        cat.departmentId, assignee ? (assignee as { id: number }).id : null, status, weighted(r, PRIORITIES), channel, description(r, spec.problems, rare),
        locality, r() < 0.5 ? pick(r, NEIGHBORHOODS) : null, r() < 0.6 ? `${pick(r, STREETS)} ${1 + Math.floor(r() * 300)}` : null, r() < 0.2 ? pick(r, LANDMARKS) : null, lat, lon,
        named ? `${first} ${last}` : null, email, phone, new Date(created).toISOString(), '2026-01',
        dueDate, firstResponse, resolvedAt, closedAt, dupOf,
        score, null, staffFiler?.id ?? null, path.length, new Date(created).toISOString(), new Date(at[at.length - 1]).toISOString(),
      ]);
      for (let i = 0; i < path.length; i++) {
        const e = path[i];
        events[0].push(id); events[1].push(e.kind); events[2].push(e.public); events[3].push(e.body); events[4].push(JSON.stringify(e.data));
        events[5].push(e.actor?.id ?? null); events[6].push(e.actor?.name ?? CITIZEN); events[7].push(new Date(at[i]).toISOString());
      }
    }
    return { cases, events };
  }
}
