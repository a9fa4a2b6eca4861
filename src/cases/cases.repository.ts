import { Injectable } from '@nestjs/common';
import { cursorParts } from './inbox-cursor';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { CaseAttachment } from './case-attachment.entity';
import { CaseEvent } from './case-event.entity';
import { CaseMessageId } from './case-message-id.entity';
import { OPEN_STATUSES } from './case-status';
import { Case } from './case.entity';

/**
 * The text searched by the inbox: the stored tsvector (migration CaseSearchVector, GIN index
 * idx_cases_search). It replaced an expression index, with which every row a search checked
 * (a recheck, a filter, a count) ran unaccent and the Spanish stemmer again: counting 1 000
 * matches of a common word took 130 ms at 100 k cases.
 */
export const CASE_SEARCH_DOCUMENT = `c.search_vector`;
/**
 * A search box's words as a tsquery of prefixes ("alumb juár" → "alumb:* & juar:*"), without
 * accents (the document is unaccented too) and with nothing but letters and digits, so that
 * no operator typed by a person reaches to_tsquery.
 */
export function prefixQuery(q: string): string | null {
  const words = q.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().match(/[a-z0-9]+/g) ?? [];
  const unique = [...new Set(words)].slice(0, 8);
  return unique.length ? unique.map((w) => `${w}:*`).join(' & ') : null;
}

const OPEN_SQL = OPEN_STATUSES.map((s) => `'${s}'`).join(', ');

/** The filters the maintained counters (case_counts) can answer; the status ones are not applied to counts. */
const COUNTER_FILTERS: readonly (keyof InboxFilter)[] = ['status', 'openOnly', 'type', 'categoryId', 'departmentId', 'liaisonScope'];
/** A text search counts its matches up to this many (plus one, to tell that there are more). */
export const SEARCH_COUNT_CAP = 1000;
/** Similar words are looked for among this many of the most recent open cases of the same category. */
export const SIMILAR_TEXT_CANDIDATES = 100;

export type InboxSort = 'date' | 'deadline' | 'priority' | 'relevance';
/**
 * Ranked by relevance, a text search ranks only the newest RANK_CANDIDATES matches: ranking
 * every match of a common word in a million cases reads and scores each of their rows.
 */
export const RANK_CANDIDATES = 2000;

export interface InboxFilter {
  status?: string;
  type?: string;
  categoryId?: number;
  departmentId?: number;
  assigneeId?: number;
  unassigned?: boolean;
  channel?: string;
  locality?: string;
  overdue?: boolean;
  dueSoon?: boolean;
  openOnly?: boolean;
  from?: string;
  to?: string;
  q?: string;
  folio?: string;
  /** A liaison's queue: their department, past triage. */
  liaisonScope?: boolean;
}

export interface InboxRow {
  id: number;
  folio: string;
  type: string;
  status: string;
  priority: number;
  channel: string;
  excerpt: string;
  locality: string;
  categoryName: string;
  departmentName: string | null;
  assigneeName: string | null;
  dueDate: string;
  createdAt: Date;
  sortKey: string;
}

export interface CaseDetail extends Case {
  categoryName: string;
  departmentName: string | null;
  assigneeName: string | null;
  createdByName: string | null;
  duplicateOfFolio: string | null;
}

/** Every query of the cases module. */
@Injectable()
export class CasesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  /** Next folio number of a year: the counter row is created if missing and locked until the filing commits. */
  async nextSeq(year: number, m: EntityManager): Promise<number> {
    // One statement (the row stays locked until commit; a rollback gives the number back): every
    // filing waits for this lock, so it is taken late and in one round trip (benchmark).
    const [row] = (await m.query(
      `INSERT INTO folio_counters AS f (year, last) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last = f.last + 1 RETURNING last`,
      [year],
    )) as { last: number }[];
    return Number(row.last);
  }

  insertCase(fields: Partial<Case>, m: EntityManager): Promise<Case> {
    return m.save(Case, m.create(Case, fields));
  }

  findById(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(Case, { where: { id } });
  }

  findByFolio(folio: string, manager?: EntityManager) {
    return this.m(manager).findOne(Case, { where: { folio } });
  }

  /** The row locked for the rest of the transaction (every staff action starts here). */
  async lock(id: number, m: EntityManager): Promise<Case | null> {
    return m.createQueryBuilder(Case, 'c').setLock('pessimistic_write').where('c.id = :id', { id }).getOne();
  }

  /** Write changed fields and bump the version. */
  async update(id: number, fields: Partial<Case>, m: EntityManager): Promise<void> {
    await m.createQueryBuilder().update(Case).set({ ...fields, version: () => 'version + 1' }).where('id = :id', { id }).execute();
  }

  async detail(folio: string, manager?: EntityManager): Promise<CaseDetail | null> {
    const c = await this.findByFolio(folio, manager);
    if (!c) return null;
    const [names] = (await this.m(manager).query(
      `SELECT cat.name AS "categoryName", d.name AS "departmentName", a.name AS "assigneeName", cb.name AS "createdByName", dup.folio AS "duplicateOfFolio"
         FROM cases c JOIN categories cat ON cat.id = c.category_id
         LEFT JOIN departments d ON d.id = c.department_id
         LEFT JOIN users a ON a.id = c.assignee_id
         LEFT JOIN users cb ON cb.id = c.created_by_id
         LEFT JOIN cases dup ON dup.id = c.duplicate_of_id
        WHERE c.id = $1`,
      [c.id],
    )) as Pick<CaseDetail, 'categoryName' | 'departmentName' | 'assigneeName' | 'createdByName' | 'duplicateOfFolio'>[];
    return Object.assign(c, names);
  }

  addEvent(fields: Partial<CaseEvent>, m: EntityManager): Promise<CaseEvent> {
    return m.save(CaseEvent, m.create(CaseEvent, fields));
  }

  events(caseId: number, onlyPublic: boolean, manager?: EntityManager): Promise<CaseEvent[]> {
    return this.m(manager).find(CaseEvent, { where: onlyPublic ? { caseId, public: true } : { caseId }, order: { id: 'ASC' } });
  }

  /** Remember a Message-ID of the case's email conversation (ignored if already known). */
  async addMessageId(caseId: number, messageId: string, direction: 'in' | 'out', m: EntityManager): Promise<void> {
    await m.createQueryBuilder().insert().into(CaseMessageId).values({ caseId, messageId: messageId.slice(0, 998), direction }).orIgnore().execute();
  }

  /** The conversation's Message-IDs, oldest first. */
  async threadIds(caseId: number, m?: EntityManager): Promise<string[]> {
    const rows = await (m ?? this.dataSource.manager).find(CaseMessageId, { where: { caseId }, order: { id: 'ASC' } });
    return rows.map((r) => r.messageId);
  }

  /**
   * The case one of whose emails Cabildo sent under one of these Message-IDs (the latest one
   * named wins). Only ours count: each carries a random part only its recipient knows, while
   * the citizen's own Message-IDs are theirs, known to others, and prove nothing.
   */
  async caseByMessageIds(ids: string[], m?: EntityManager): Promise<Case | null> {
    if (!ids.length) return null;
    const row = await (m ?? this.dataSource.manager)
      .createQueryBuilder(CaseMessageId, 'x')
      .where('x.messageId IN (:...ids)', { ids: ids.map((i) => i.slice(0, 998)) })
      .andWhere(`x.direction = 'out'`)
      .orderBy('x.id', 'DESC')
      .getOne();
    return row ? this.findById(row.caseId, m) : null;
  }

  addAttachment(fields: Partial<CaseAttachment>, m: EntityManager): Promise<CaseAttachment> {
    return m.save(CaseAttachment, m.create(CaseAttachment, fields));
  }

  attachments(caseId: number, manager?: EntityManager): Promise<CaseAttachment[]> {
    return this.m(manager).find(CaseAttachment, { where: { caseId }, order: { id: 'ASC' } });
  }

  attachment(caseId: number, id: number, manager?: EntityManager) {
    return this.m(manager).findOne(CaseAttachment, { where: { caseId, id } });
  }

  /** Record a thumbnail made after the fact, unless another request recorded one first; returns the key that stands. */
  async setAttachmentThumb(id: number, key: string): Promise<string | null> {
    const rows: { thumb_key: string | null }[] = await this.m().query(
      `WITH u AS (UPDATE case_attachments SET thumb_key = COALESCE(thumb_key, $2) WHERE id = $1 RETURNING thumb_key) SELECT thumb_key FROM u`,
      [id, key],
    );
    return rows[0]?.thumb_key ?? null;
  }

  async deleteAttachments(caseId: number, m: EntityManager): Promise<void> {
    await m.delete(CaseAttachment, { caseId });
  }

  /** WHERE clause and parameters for the inbox filters (shared by the list, the counts and the exports). */
  private where(f: InboxFilter, today: string, soon: string, tz: string, skipStatus = false): { sql: string; params: unknown[] } {
    const params: unknown[] = [];
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const w: string[] = [];
    if (f.folio) w.push(`c.folio = ${p(f.folio)}`);
    if (f.status && !skipStatus) w.push(`c.status = ${p(f.status)}`);
    if (f.openOnly && !skipStatus) w.push(`c.status IN (${OPEN_SQL})`);
    if (f.type) w.push(`c.type = ${p(f.type)}`);
    if (f.categoryId) w.push(`c.category_id = ${p(f.categoryId)}`);
    if (f.departmentId) w.push(`c.department_id = ${p(f.departmentId)}`);
    if (f.liaisonScope) w.push(`c.status NOT IN ('received', 'in_review')`);
    if (f.assigneeId) w.push(`c.assignee_id = ${p(f.assigneeId)}`);
    if (f.unassigned) w.push(`c.assignee_id IS NULL AND c.status IN (${OPEN_SQL})`);
    if (f.channel) w.push(`c.channel = ${p(f.channel)}`);
    if (f.locality) w.push(`c.locality = ${p(f.locality)}`);
    if (f.overdue) w.push(`c.status IN (${OPEN_SQL}) AND c.due_date < ${p(today)}::date`);
    if (f.dueSoon) w.push(`c.status IN (${OPEN_SQL}) AND c.due_date >= ${p(today)}::date AND c.due_date <= ${p(soon)}::date`);
    if (f.from) w.push(`c.created_at >= (${p(f.from)}::date)::timestamp AT TIME ZONE ${p(tz)}`);
    if (f.to) w.push(`c.created_at < ((${p(f.to)}::date + 1)::timestamp AT TIME ZONE ${p(tz)})`);
    const terms = f.q ? prefixQuery(f.q) : null;
    if (terms) w.push(`${CASE_SEARCH_DOCUMENT} @@ to_tsquery('spanish'::regconfig, ${p(terms)})`);
    return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', params };
  }

  /** One page of the inbox, keyset-paginated (never OFFSET): `after` is the sortKey of the last row seen. */
  async inbox(f: InboxFilter, sort: InboxSort, after: string | null, limit: number, ctx: { today: string; soon: string; tz: string }, manager?: EntityManager): Promise<InboxRow[]> {
    const { sql, params } = this.where(f, ctx.today, ctx.soon, ctx.tz);
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (sort === 'relevance') {
      if (f.q && prefixQuery(f.q)) return this.inboxByRelevance(sql, params, after, limit, manager);
      sort = 'date';
    }
    const order = {
      date: { by: 'c.created_at DESC, c.id DESC', key: `c.created_at::text || '|' || c.id` },
      deadline: { by: 'c.due_date ASC, c.id ASC', key: `c.due_date::text || '|' || c.id` },
      priority: { by: 'c.priority DESC, c.created_at DESC, c.id DESC', key: `c.priority || '|' || c.created_at::text || '|' || c.id` },
    }[sort as Exclude<InboxSort, 'relevance'>];
    let keyset = '';
    const parts = cursorParts(sort, after);
    if (parts) {
      if (sort === 'date' && parts.length === 2) keyset = `(c.created_at, c.id) < (${p(parts[0])}::timestamptz, ${p(Number(parts[1]))}::int)`;
      if (sort === 'deadline' && parts.length === 2) keyset = `(c.due_date, c.id) > (${p(parts[0])}::date, ${p(Number(parts[1]))}::int)`;
      if (sort === 'priority' && parts.length === 3) keyset = `(c.priority, c.created_at, c.id) < (${p(Number(parts[0]))}::smallint, ${p(parts[1])}::timestamptz, ${p(Number(parts[2]))}::int)`;
    }
    const where = keyset ? (sql ? `${sql} AND ${keyset}` : `WHERE ${keyset}`) : sql;
    return this.m(manager).query(
      `SELECT c.id, c.folio, c.type, c.status, c.priority, c.channel, left(c.description, 160) AS excerpt, c.locality,
              cat.name AS "categoryName", d.name AS "departmentName", a.name AS "assigneeName",
              to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate", c.created_at AS "createdAt", ${order.key} AS "sortKey"
         FROM cases c JOIN categories cat ON cat.id = c.category_id
         LEFT JOIN departments d ON d.id = c.department_id
         LEFT JOIN users a ON a.id = c.assignee_id
        ${where}
        ORDER BY ${order.by}
        LIMIT ${p(limit)}`,
      params,
    );
  }

  /**
   * A text search ranked by relevance (ts_rank_cd), among its newest RANK_CANDIDATES matches;
   * keyset on (rank, id). The WHERE holds the search (`terms` is its last parameter).
   */
  private inboxByRelevance(where: string, params: unknown[], after: string | null, limit: number, manager?: EntityManager): Promise<InboxRow[]> {
    const p = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    const query = `to_tsquery('spanish'::regconfig, $${params.length})`;
    const parts = cursorParts('relevance', after) ?? [];
    const keyset = parts.length === 2 ? `WHERE (m.rank, m.id) < (${p(Number(parts[0]))}::real, ${p(Number(parts[1]))}::int)` : '';
    // Rank the candidates and keep one page before joining anything: the joins then touch 26 rows, not 2 000.
    return this.m(manager).query(
      `SELECT c.id, c.folio, c.type, c.status, c.priority, c.channel, left(c.description, 160) AS excerpt, c.locality,
              cat.name AS "categoryName", d.name AS "departmentName", a.name AS "assigneeName",
              to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate", c.created_at AS "createdAt", r.rank::text || '|' || r.id AS "sortKey"
         FROM (SELECT m.id, m.rank FROM (
                 SELECT n.id, ts_rank_cd(n.search_vector, ${query}) AS rank
                   FROM (SELECT c.id, ${CASE_SEARCH_DOCUMENT} AS search_vector FROM cases c ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT ${RANK_CANDIDATES}) n) m
                ${keyset}
                ORDER BY m.rank DESC, m.id DESC
                LIMIT ${p(limit)}) r
         JOIN cases c ON c.id = r.id
         JOIN categories cat ON cat.id = c.category_id
         LEFT JOIN departments d ON d.id = c.department_id
         LEFT JOIN users a ON a.id = c.assignee_id
        ORDER BY r.rank DESC, r.id DESC`,
      params,
    );
  }

  /**
   * Cases per status under the same filters (except the status itself). Filters on type,
   * category and department are answered from the maintained counters (case_counts, migration
   * CaseCounts) without touching cases; a text search is counted up to SEARCH_COUNT_CAP + 1
   * matches (more than that is reported as capped: counting every match of a common word in a
   * million cases takes seconds); other filters count the matching rows through their indexes.
   */
  async countByStatus(f: InboxFilter, ctx: { today: string; soon: string; tz: string }, manager?: EntityManager): Promise<Record<string, number>> {
    const used = Object.entries(f).filter(([, v]) => v !== undefined && v !== null && v !== false && v !== '').map(([k]) => k);
    if (used.every((k) => COUNTER_FILTERS.includes(k as keyof InboxFilter))) {
      const params: unknown[] = [];
      const w: string[] = [];
      if (f.type) w.push(`k.type = $${params.push(f.type)}`);
      if (f.categoryId) w.push(`k.category_id = $${params.push(f.categoryId)}`);
      if (f.departmentId) w.push(`k.department_id = $${params.push(f.departmentId)}`);
      if (f.liaisonScope) w.push(`k.status NOT IN ('received', 'in_review')`);
      const rows: { status: string; n: number }[] = await this.m(manager).query(`SELECT k.status, sum(k.n)::int AS n FROM case_counts k ${w.length ? `WHERE ${w.join(' AND ')}` : ''} GROUP BY k.status`, params);
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    }
    const { sql, params } = this.where(f, ctx.today, ctx.soon, ctx.tz, true);
    const from = f.q ? `(SELECT c.status FROM cases c ${sql} LIMIT ${SEARCH_COUNT_CAP + 1}) c` : `cases c ${sql}`;
    const rows: { status: string; n: number }[] = await this.m(manager).query(`SELECT c.status, count(*)::int AS n FROM ${from} GROUP BY c.status`, params);
    return Object.fromEntries(rows.map((r) => [r.status, r.n]));
  }

  /** Grouped counts for the statistics page. `dimension` is a fixed SQL expression chosen by the caller. */
  async countBy(dimension: 'status' | 'type' | 'channel' | 'locality' | 'category' | 'department', f: InboxFilter, ctx: { today: string; soon: string; tz: string }): Promise<{ key: string; n: number }[]> {
    const { sql, params } = this.where(f, ctx.today, ctx.soon, ctx.tz);
    const expr = {
      status: 'c.status',
      type: 'c.type',
      channel: 'c.channel',
      locality: 'c.locality',
      category: 'cat.name',
      department: `coalesce(d.name, '')`,
    }[dimension];
    return this.dataSource.query(
      `SELECT ${expr} AS key, count(*)::int AS n
         FROM cases c JOIN categories cat ON cat.id = c.category_id LEFT JOIN departments d ON d.id = c.department_id
        ${sql} GROUP BY 1 ORDER BY n DESC, key LIMIT 30`,
      params,
    );
  }

  async summary(f: InboxFilter, ctx: { today: string; soon: string; tz: string }): Promise<{ total: number; overdue: number; medianFirstHours: number | null; medianResolveHours: number | null; satisfaction: number | null; rated: number }> {
    const { sql, params } = this.where(f, ctx.today, ctx.soon, ctx.tz);
    params.push(ctx.today);
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE c.status IN (${OPEN_SQL}) AND c.due_date < $${params.length}::date)::int AS overdue,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.first_response_at - c.created_at) / 3600) AS "medianFirstHours",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM c.resolved_at - c.created_at) / 3600) AS "medianResolveHours",
              avg(c.satisfaction_score)::float AS satisfaction,
              count(c.satisfaction_score)::int AS rated
         FROM cases c ${sql}`,
      params,
    );
    return row;
  }

  /**
   * Open cases that look like this one: same category and locality, similar words, or within
   * 150 m. The candidates are bounded (the benchmark found the trigram search over every
   * description taking 0.9 s at 100 k cases): similar words are looked for among the
   * SIMILAR_TEXT_CANDIDATES most recent open cases of the same category, the same place among
   * its 50 most recent, and the nearby ones in a 300 m box (partial indexes of open cases,
   * migration CaseSimilarIndexes).
   */
  async similar(c: Case, limit = 5, manager?: EntityManager): Promise<{ id: number; folio: string; excerpt: string; status: string; locality: string; distance: number | null; reason: string }[]> {
    const hasPoint = c.latitude != null && c.longitude != null;
    const distance = `2 * 6371000 * asin(sqrt(power(sin(radians(c.latitude - $5) / 2), 2) + cos(radians($5)) * cos(radians(c.latitude)) * power(sin(radians(c.longitude - $6) / 2), 2)))`;
    const candidates = [
      `(SELECT o.id FROM cases o WHERE o.category_id = $2 AND o.status IN (${OPEN_SQL}) AND o.id <> $1 ORDER BY o.id DESC LIMIT ${SIMILAR_TEXT_CANDIDATES})`,
      `(SELECT o.id FROM cases o WHERE o.category_id = $2 AND o.locality = $3 AND o.status IN (${OPEN_SQL}) AND o.id <> $1 ORDER BY o.id DESC LIMIT 50)`,
      ...(hasPoint
        ? [`(SELECT o.id FROM cases o WHERE o.latitude BETWEEN $5 - 0.0015 AND $5 + 0.0015 AND o.longitude BETWEEN $6 - 0.0016 AND $6 + 0.0016 AND o.status IN (${OPEN_SQL}) AND o.id <> $1 LIMIT 200)`]
        : []),
    ].join(' UNION ');
    return this.m(manager).query(
      `SELECT id, folio, excerpt, status, locality, distance, reason FROM (
         SELECT t.*, CASE WHEN t.place THEN 'place' WHEN t.sim >= show_limit() THEN 'text' ELSE 'near' END AS reason
           FROM (
             SELECT c.id, c.folio, left(c.description, 140) AS excerpt, c.status, c.locality,
                    ${hasPoint ? `CASE WHEN c.latitude IS NOT NULL THEN round(${distance}::numeric)::int END` : 'NULL::int'} AS distance,
                    c.category_id = $2 AND c.locality = $3 AS place,
                    similarity(f_unaccent(lower(c.description)), f_unaccent(lower($4))) AS sim
               FROM cases c
              WHERE c.id IN (${candidates})
           ) t
       ) s
       WHERE s.reason <> 'near' OR s.distance <= 150
       ORDER BY (s.reason = 'near') , s.sim DESC, s.id DESC
       LIMIT ${Number(limit)}`,
      hasPoint ? [c.id, c.categoryId, c.locality, c.description, c.latitude, c.longitude] : [c.id, c.categoryId, c.locality, c.description],
    );
  }

  /** Open cases of a department that are overdue or due by `soon`, for the morning digest. */
  async dueForDigest(departmentId: number, soon: string): Promise<{ folio: string; excerpt: string; dueDate: string; status: string; categoryName: string }[]> {
    return this.dataSource.query(
      `SELECT c.folio, left(c.description, 100) AS excerpt, to_char(c.due_date, 'YYYY-MM-DD') AS "dueDate", c.status, cat.name AS "categoryName"
         FROM cases c JOIN categories cat ON cat.id = c.category_id
        WHERE c.department_id = $1 AND c.status IN (${OPEN_SQL}) AND c.due_date <= $2::date
        ORDER BY c.due_date, c.id LIMIT 200`,
      [departmentId, soon],
    );
  }

  /** The digest runs once a day, whichever instance gets there first. */
  async claimDigestDay(day: string, m: EntityManager): Promise<boolean> {
    const rows: unknown[] = await m.query(`INSERT INTO case_digest_runs (day) VALUES ($1) ON CONFLICT (day) DO NOTHING RETURNING day`, [day]);
    return rows.length > 0;
  }

  departmentsWithDueCases(soon: string): Promise<{ id: number; name: string; email: string | null }[]> {
    return this.dataSource.query(
      `SELECT d.id, d.name, d.email FROM departments d
        WHERE d.active AND EXISTS (SELECT 1 FROM cases c WHERE c.department_id = d.id AND c.status IN (${OPEN_SQL}) AND c.due_date <= $1::date)
        ORDER BY d.name`,
      [soon],
    );
  }

  /** Cases holding a person's data, found by exact email or phone (administrators' export and anonymization). */
  findByPerson(email: string | null, phone: string | null, manager?: EntityManager): Promise<Case[]> {
    const q = this.m(manager).createQueryBuilder(Case, 'c').where('c.anonymized_at IS NULL');
    if (email && phone) q.andWhere('(lower(c.contact_email) = lower(:email) OR regexp_replace(c.contact_phone, \'\\D\', \'\', \'g\') = :phone)', { email, phone });
    else if (email) q.andWhere('lower(c.contact_email) = lower(:email)', { email });
    else if (phone) q.andWhere(`regexp_replace(c.contact_phone, '\\D', '', 'g') = :phone`, { phone });
    else return Promise.resolve([]);
    return q.orderBy('c.id').limit(500).getMany();
  }

  async dropOriginals(caseId: number, m: EntityManager): Promise<void> {
    await m.query(`UPDATE case_attachments SET original_key = NULL WHERE case_id = $1`, [caseId]);
  }

  /** What the person wrote on the timeline (and their emails copied into internal notes) is erased. */
  async anonymizeEvents(caseId: number, m: EntityManager): Promise<void> {
    await m.query(
      `UPDATE case_events SET body = '[dato eliminado a petición del titular]'
        WHERE case_id = $1 AND body IS NOT NULL AND (kind IN ('citizen_info', 'survey', 'reopened') OR (kind = 'internal_note' AND data->>'via' = 'email'))`,
      [caseId],
    );
  }

  usersOf(departmentId: number): Promise<{ id: number; name: string; email: string; role: string }[]> {
    return this.dataSource.query(`SELECT id, name, email, role FROM users WHERE active AND role = 'liaison' AND department_id = $1 ORDER BY name`, [departmentId]);
  }

  /** People a case can be assigned to: triage staff, and the liaisons of its department. */
  assignable(departmentId: number | null, manager?: EntityManager): Promise<{ id: number; name: string; role: string }[]> {
    return this.m(manager).query(
      `SELECT id, name, role FROM users WHERE active AND (role IN ('attention', 'admin') OR (role = 'liaison' AND department_id = $1)) ORDER BY name`,
      [departmentId ?? 0],
    );
  }

  /** Active staff with what a CaseActor needs (demo data). */
  activeStaff(m: EntityManager): Promise<{ id: number; name: string; email: string; role: string; departmentId: number | null }[]> {
    return m.query(`SELECT id, name, email, role, department_id AS "departmentId" FROM users WHERE active ORDER BY id`);
  }
}
