import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { I18nService } from 'nestjs-i18n';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CaseActor } from '../cases/case-actor';
import { normalizeFolio } from '../cases/case-codes';
import { CASE_STATUSES, CaseStatus, FINAL_STATUSES, OPEN_STATUSES } from '../cases/case-status';
import { CasesRepository } from '../cases/cases.repository';
import { CasesService } from '../cases/cases.service';
import { LOCALITIES } from '../cases/localities';
import { Clock } from '../common/clock';
import { PersonalDataErasers } from '../common/personal-data-erasers';
import { FieldError } from '../common/forms';
import { APP_CONFIG, AppConfig } from '../config/config';
import { CategoriesService } from '../departments/categories.service';
import { AnswerError } from '../departments/category-questions';
import { CategoryQuestionsService } from '../departments/category-questions.service';
import { ApiKey } from './api-key.entity';
import {
  DATATYPE_DESCRIPTIONS, DATATYPES, endOfDayInZone, EXTENDED_STATUS, georeportStatus, isoInZone, listParam, Open311Error, Open311ErrorItem, param, parseDateParam,
  parseExtendedStatus,
} from './open311-format';
import { Open311Repository, RequestRow, UpdateRow } from './open311.repository';

type Params = Record<string, unknown>;

export const MAX_SPAN_DAYS = 90;
export const MAX_RESULTS = 1000;
const DAY = 86_400_000;
/** Where a request without a known locality is filed (staff place it from the address or the point). */
export const UNKNOWN_LOCALITY = 'Sin especificar (Open311)';

const ANSWER_ERRORS: Record<AnswerError, string> = {
  required: 'is required',
  number: 'must be a number',
  date: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time',
  option: 'is not one of the values of this attribute',
  too_long: 'is too long (500 characters at most)',
};

/** What an end date leaves out without its fraction: 999 ms for "…T10:30:15", 59 999 ms for "…T10:30". */
function wholeUnitOf(value: string): number {
  if (/T\d{2}:\d{2}:\d{2}\./.test(value)) return 0;
  if (/T\d{2}:\d{2}:\d{2}/.test(value)) return 999;
  if (/T\d{2}:\d{2}/.test(value)) return 59_999;
  return 0;
}

const fail = (status: number, errors: Open311ErrorItem[]) => {
  if (errors.length) throw new Open311Error(status, errors);
};
const err = (description: string, code = 400): Open311ErrorItem => ({ code, description });

/** The GeoReport v2 API over Cabildo's categories and cases (and mySociety's updates). */
@Injectable()
export class Open311Service {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: Open311Repository,
    private readonly cases: CasesService,
    private readonly caseRows: CasesRepository,
    private readonly categories: CategoriesService,
    private readonly questions: CategoryQuestionsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly i18n: I18nService,
    erasers: PersonalDataErasers,
  ) {
    erasers.register('open311', async (m, who) => {
      await this.repo.forgetClientIds(m, who.caseIds);
    });
  }

  get jurisdiction(): string {
    return new URL(this.config.PUBLIC_URL).hostname;
  }

  private iso(at: Date | string | null): string | null {
    return at ? isoInZone(new Date(at), this.config.TIMEZONE) : null;
  }

  /** One jurisdiction: its id is optional, and any other is unknown (404). */
  checkJurisdiction(q: Params): void {
    const j = param(q.jurisdiction_id);
    if (j && j !== this.jurisdiction) throw Open311Error.of(404, `jurisdiction_id not found: ${j}`);
  }

  discovery() {
    return {
      changeset: this.iso(new Date('2026-01-01T00:00:00Z')),
      contact: `${this.config.MUNICIPALITY_NAME}: Atención Ciudadana, ${this.config.PUBLIC_URL}`,
      key_service: 'Las claves (api_key) las emite la administración del H. Ayuntamiento: escriba a Atención Ciudadana.',
      endpoints: [
        { specification: 'http://wiki.open311.org/GeoReport_v2', url: `${this.config.PUBLIC_URL.replace(/\/$/, '')}/open311/v2`, changeset: this.iso(new Date('2026-01-01T00:00:00Z')), type: 'production', formats: ['text/xml', 'application/json'] },
      ],
    };
  }

  async services() {
    const [list, withQuestions] = [await this.categories.list(true), await this.questions.categoriesWithQuestions()];
    return list.map((c) => ({
      service_code: String(c.id),
      service_name: c.name,
      description: c.description ?? null,
      metadata: withQuestions.has(c.id),
      type: 'realtime',
      keywords: null,
      group: c.departmentName ?? null,
    }));
  }

  private async activeCategory(code: string | undefined) {
    const id = code && /^\d{1,9}$/.test(code) ? Number(code) : NaN;
    const c = Number.isInteger(id) ? await this.categories.find(id) : null;
    if (!c || !c.active) throw Open311Error.of(404, `service_code not found: ${code ?? ''}`);
    return c;
  }

  async definition(code: string) {
    const c = await this.activeCategory(code);
    const questions = await this.questions.list(c.id, true);
    return {
      service_code: String(c.id),
      attributes: questions.map((q, i) => ({
        variable: true,
        code: q.code,
        datatype: DATATYPES[q.kind],
        required: q.required,
        datatype_description: q.helpText ? `${q.helpText} ${DATATYPE_DESCRIPTIONS[q.kind]}` : DATATYPE_DESCRIPTIONS[q.kind],
        order: i + 1,
        description: q.question,
        values: q.options.map((o) => ({ key: o.key, name: o.name })),
      })),
    };
  }

  // ---- Filing --------------------------------------------------------------------------

  actorFor(key: ApiKey, ip: string | null): CaseActor {
    return { audit: { userId: null, label: `api:${key.prefix}`, ip }, userId: null, name: `${key.clientName} (Open311)`, role: 'citizen', departmentId: null };
  }

  /** POST requests: every problem is listed at once (400), after the key (403) and the service (404). */
  async createRequest(body: Params, key: ApiKey, ip: string | null) {
    this.checkJurisdiction(body);
    const code = param(body.service_code);
    const category = code ? await this.activeCategory(code) : null; // an unknown service is a 404 of its own
    const errors: Open311ErrorItem[] = [];
    if (!category) errors.push(err('service_code is required'));
    const lat = param(body.lat);
    const long = param(body.long);
    const address = param(body.address_string);
    const addressId = param(body.address_id);
    const num = (v: string | undefined, max: number) => (v !== undefined && /^-?\d{1,3}(\.\d{1,15})?$/.test(v) && Math.abs(Number(v)) <= max ? Number(v) : null);
    if ((lat === undefined) !== (long === undefined)) errors.push(err('lat and long go together'));
    else if (lat !== undefined && (num(lat, 90) === null || num(long, 180) === null)) errors.push(err('lat and long must be WGS84 decimal degrees'));
    if (lat === undefined && !address && !addressId) errors.push(err('A location is required: lat and long, address_string or address_id'));
    if (address && address.length > 300) errors.push(err('address_string is too long (300 characters at most)'));
    if (addressId && addressId.length > 100) errors.push(err('address_id is too long (100 characters at most)'));
    const description = param(body.description);
    if (description && description.length > 4000) errors.push(err('description is too long (4,000 characters at most)'));
    const email = param(body.email)?.toLowerCase();
    if (email && (email.length > 254 || !/^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/.test(email))) errors.push(err('email is not a valid address'));
    const phone = param(body.phone);
    if (phone && !/^[0-9 +()\-.ext]{7,40}$/i.test(phone)) errors.push(err('phone is not a valid number'));
    const mediaUrl = param(body.media_url);
    if (mediaUrl && (!/^https?:\/\/[^\s]+$/i.test(mediaUrl) || mediaUrl.length > 500)) errors.push(err('media_url must be an http(s) URL (500 characters at most)'));
    const name = [param(body.first_name), param(body.last_name)].filter(Boolean).join(' ').slice(0, 150) || undefined;
    const attributes = (body.attribute && typeof body.attribute === 'object' ? body.attribute : {}) as Params;
    const checked = category ? await this.questions.check(category.id, (q) => attributes[q.code]) : { answers: [], errors: new Map() };
    for (const [q, kind] of checked.errors) errors.push(err(`attribute[${q.code}] ${ANSWER_ERRORS[kind as AnswerError]}`));
    if (!category || errors.length) throw new Open311Error(400, errors);

    const token = randomBytes(16).toString('hex');
    const by = this.actorFor(key, ip);
    const receipt = await this.dataSource.transaction(async (m) => {
      const r = await this.cases.file(
        {
          type: 'service_request', categoryId: category.id, description: description ?? `${category.name} (Open311)`, answers: checked.answers,
          locality: this.localityOf(address), street: address?.slice(0, 200), latitude: num(lat, 90) ?? undefined, longitude: num(long, 180) ?? undefined,
          contactName: name, contactEmail: email, contactPhone: phone, consent: true, channel: 'api', privacyVersion: this.i18n.t('privacy.version', { lang: 'es' }) as string,
        },
        [],
        by,
        m,
      );
      await this.repo.saveRequest({ caseId: r.caseId, apiKeyId: key.id, token, addressId: addressId ?? null, mediaUrl: mediaUrl ?? null, deviceId: param(body.device_id)?.slice(0, 100) ?? null, accountId: param(body.account_id)?.slice(0, 100) ?? null }, m);
      return r;
    });
    return [{ service_request_id: receipt.folio, token, service_notice: this.notice(category.deadlineDays), account_id: param(body.account_id) ?? null }];
  }

  private notice(days: number): string {
    return `Plazo de respuesta: ${days} días hábiles.`;
  }

  /** The locality named in an address, if any (accents and case aside). */
  private localityOf(address: string | undefined): string {
    const plain = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    const text = address ? plain(address) : '';
    const found = text ? LOCALITIES.find((l) => text.includes(plain(l.replace(/ \([^()]*\)$/, '')))) : undefined;
    return found ?? UNKNOWN_LOCALITY;
  }

  // ---- Reading -------------------------------------------------------------------------

  private page(q: Params): { limit: number; offset: number; errors: Open311ErrorItem[] } {
    const errors: Open311ErrorItem[] = [];
    const int = (name: string, v: string | undefined, def: number) => {
      if (v === undefined) return def;
      if (!/^\d{1,7}$/.test(v) || Number(v) < 1) {
        errors.push(err(`${name} must be a positive whole number`));
        return def;
      }
      return Number(v);
    };
    const size = Math.min(int('page_size', param(q.page_size) ?? param(q.limit), MAX_RESULTS), MAX_RESULTS);
    const page = int('page', param(q.page), 1);
    return { limit: size, offset: (page - 1) * size, errors };
  }

  private span(q: Params, errors: Open311ErrorItem[]): { from: Date; to: Date } {
    const tz = this.config.TIMEZONE;
    const start = param(q.start_date);
    const end = param(q.end_date);
    const from = start ? parseDateParam(start, tz) : null;
    const to = end ? parseDateParam(end, tz) : null;
    if (start && !from) errors.push(err('start_date must be an ISO 8601 date-time, e.g. 2026-03-01T00:00:00-06:00'));
    if (end && !to) errors.push(err('end_date must be an ISO 8601 date-time, e.g. 2026-03-31T23:59:59-06:00'));
    const now = this.clock.now();
    const t = to ?? (from ? new Date(from.getTime() + MAX_SPAN_DAYS * DAY) : now);
    const f = from ?? new Date(t.getTime() - MAX_SPAN_DAYS * DAY);
    if (f > t) errors.push(err('start_date must be before end_date'));
    else if (t.getTime() - f.getTime() > MAX_SPAN_DAYS * DAY) errors.push(err(`start_date and end_date may be at most ${MAX_SPAN_DAYS} days apart`));
    // end_date written to the second (FixMyStreet) or the minute takes in that whole second or minute.
    return { from: f, to: to && end ? new Date(t.getTime() + wholeUnitOf(end)) : t };
  }

  /**
   * GET requests: service_request_id (a list) overrides every other filter. Only what is
   * public (requests of public categories, as published) and, to the key that filed them,
   * its own requests in full.
   */
  async requests(q: Params, key: ApiKey | null = null) {
    this.checkJurisdiction(q);
    const { limit, offset, errors } = this.page(q);
    const extensions = param(q.extensions) === 'true';
    const ids = listParam(q.service_request_id);
    if (ids.length) {
      fail(400, errors);
      const folios = ids.map((id) => normalizeFolio(id)).filter((f): f is string => !!f);
      return this.present(folios.length ? await this.repo.requests({ folios }, limit, offset, key?.id ?? null) : [], extensions, key);
    }
    const codes = listParam(q.service_code);
    if (codes.some((c) => !/^\d{1,9}$/.test(c))) errors.push(err('service_code must be a comma-separated list of service codes'));
    // lat and long are not filters here, but a malformed pair is an error, not the whole list.
    const lat = param(q.lat);
    const long = param(q.long);
    const degrees = (v: string | undefined, max: number) => v !== undefined && /^-?\d{1,3}(\.\d{1,15})?$/.test(v) && Math.abs(Number(v)) <= max;
    if ((lat === undefined) !== (long === undefined)) errors.push(err('lat and long go together'));
    else if (lat !== undefined && !(degrees(lat, 90) && degrees(long, 180))) errors.push(err('lat and long must be WGS84 decimal degrees'));
    const statuses = listParam(q.status).map((s) => s.toLowerCase());
    if (statuses.some((s) => s !== 'open' && s !== 'closed')) errors.push(err('status must be open, closed or both (comma-separated)'));
    const { from, to } = this.span(q, errors);
    fail(400, errors);
    const wanted = new Set(statuses);
    const filterStatuses = wanted.size === 1 ? CASE_STATUSES.filter((s) => georeportStatus(s) === [...wanted][0]) : undefined;
    const rows = await this.repo.requests({ categoryIds: codes.length ? codes.map(Number) : undefined, from, to, statuses: filterStatuses }, limit, offset, key?.id ?? null);
    return this.present(rows, extensions, key);
  }

  /** GET requests/{id}: a list of one; 404 when there is no such request. */
  async request(id: string, q: Params, key: ApiKey | null = null) {
    this.checkJurisdiction(q);
    const folio = normalizeFolio(id);
    const rows = folio ? await this.repo.requests({ folios: [folio] }, 1, 0, key?.id ?? null) : [];
    // A request that is not public answers as one that does not exist.
    if (!rows.length) throw Open311Error.of(404, `service_request_id not found: ${id}`);
    return this.present(rows, param(q.extensions) === 'true', key);
  }

  async token(token: string, q: Params) {
    this.checkJurisdiction(q);
    const rows = /^[a-f0-9]{32}$/.test(token) ? await this.repo.findByToken(token) : [];
    if (!rows.length) throw Open311Error.of(404, `token not found: ${token}`);
    return [{ service_request_id: rows[0].folio, token }];
  }

  /**
   * A request as the API shows it. To the key that filed it: what it sent, with the status
   * and the town hall's latest public answer. To anyone else: the public version, computed
   * when saved (the approved text or the category's name, the street without the number, the
   * point rounded to about 100 m), no notes, no client ids: nothing about the person.
   */
  private async present(rows: RequestRow[], extensions: boolean, key: ApiKey | null) {
    const history = extensions && rows.length ? await this.repo.updates({ caseIds: rows.map((r) => r.id) }, 100_000, 0, key?.id ?? null) : [];
    return rows.map((r) => {
      const own = key !== null && r.apiKeyId === key.id;
      const locality = r.locality === UNKNOWN_LOCALITY ? null : r.locality;
      return {
        service_request_id: r.folio,
        status: georeportStatus(r.status),
        status_notes: own ? r.statusNotes : null,
        service_name: r.categoryName,
        service_code: String(r.categoryId),
        description: own ? r.description : (r.publicText ?? r.categoryName),
        agency_responsible: r.departmentName,
        service_notice: this.notice(r.deadlineDays),
        requested_datetime: this.iso(r.createdAt)!,
        updated_datetime: this.iso(r.updatedAt),
        expected_datetime: OPEN_STATUSES.includes(r.status) ? endOfDayInZone(r.dueDate, this.config.TIMEZONE) : null,
        address: (own ? [r.street, r.neighborhood, locality] : [r.publicStreet, locality]).filter(Boolean).join(', ') || null,
        address_id: own ? r.addressId : null,
        zipcode: null,
        lat: own ? r.latitude : r.publicLatitude,
        long: own ? r.longitude : r.publicLongitude,
        media_url: own ? r.mediaUrl : null,
        ...(extensions ? { extended_attributes: { status: EXTENDED_STATUS[r.status], history: history.filter((u) => u.caseId === r.id).map((u) => this.update(u)) } } : {}),
      };
    });
  }

  /** An update: its text only to the key that filed the request (the repository leaves it null for anyone else). */
  private update(u: UpdateRow) {
    return {
      update_id: u.id,
      service_request_id: u.folio,
      status: EXTENDED_STATUS[u.status] ?? 'OPEN',
      updated_datetime: this.iso(u.createdAt)!,
      description: u.body ?? '',
      media_url: '',
    };
  }

  // ---- mySociety's service request updates ----------------------------------------------

  async updates(q: Params, key: ApiKey | null = null) {
    this.checkJurisdiction(q);
    const { limit, offset, errors } = this.page(q);
    const ids = listParam(q.service_request_id).map((id) => normalizeFolio(id)).filter((f): f is string => !!f);
    const span = this.span(q, errors);
    fail(400, errors);
    const rows = await this.repo.updates(ids.length ? { folios: ids } : span, limit, offset, key?.id ?? null);
    return rows.map((u) => this.update(u));
  }

  /**
   * An update from a client (a person's comment, with a status they report). Comments are
   * added to the case's public history; REOPEN (or OPEN on a resolved case) reopens it by the
   * citizen's rules; other statuses are recorded for staff, who decide.
   */
  async postUpdate(body: Params, key: ApiKey, ip: string | null) {
    this.checkJurisdiction(body);
    const id = param(body.service_request_id);
    const errors: Open311ErrorItem[] = [];
    if (!id) errors.push(err('service_request_id is required'));
    const description = param(body.description);
    if (!description) errors.push(err('description is required'));
    else if (description.length > 4000) errors.push(err('description is too long (4,000 characters at most)'));
    const rawStatus = param(body.status);
    const status = rawStatus ? parseExtendedStatus(rawStatus) : null;
    if (rawStatus && !status) errors.push(err(`status is not known: ${rawStatus}`));
    const mediaUrl = param(body.media_url);
    if (mediaUrl && !/^https?:\/\/\S{1,490}$/i.test(mediaUrl)) errors.push(err('media_url must be an http(s) URL'));
    fail(400, errors);
    const folio = normalizeFolio(id);
    const c = folio ? await this.caseRows.findByFolio(folio) : null;
    if (!c) throw Open311Error.of(404, `service_request_id not found: ${id}`);
    // A key writes only into the requests it filed, unless an administrator let it update any.
    if (!key.mayUpdateAny && (await this.repo.requestOf(c.id))?.apiKeyId !== key.id) {
      throw Open311Error.of(403, 'This api_key may only add updates to the requests it filed.');
    }
    const by = this.actorFor(key, ip);
    const reopen = (status === 'REOPEN' || status === 'OPEN') && c.status === 'resolved';
    try {
      if (reopen) {
        await this.cases.reopen(c.id, description!, by);
        const [e] = await this.dataSource.query(`SELECT id::text AS id FROM case_events WHERE case_id = $1 AND kind = 'reopened' ORDER BY id DESC LIMIT 1`, [c.id]);
        return [{ update_id: e.id as string }];
      }
      return await this.dataSource.transaction(async (m) => {
        const locked = await this.caseRows.lock(c.id, m);
        if (!locked || FINAL_STATUSES.includes(locked.status as CaseStatus)) throw new FieldError('description', 'closed');
        const event = await this.cases.event(m, locked, by, 'citizen_info', { public: true, body: description!, data: { source: 'open311', apiKeyId: key.id, clientUpdateId: param(body.update_id)?.slice(0, 100) ?? null, reportedStatus: status, mediaUrl: mediaUrl ?? null } });
        await this.caseRows.update(locked.id, {}, m);
        await this.audit.record(by.audit, { action: 'case.citizen_info', entityType: 'case', entityId: locked.folio, details: { channel: 'api', apiKeyId: key.id, reportedStatus: status } }, m);
        return [{ update_id: String(event.id) }];
      });
    } catch (e) {
      if (e instanceof FieldError) throw Open311Error.of(400, reopen ? 'The request can no longer be reopened (15 days after it was fixed).' : 'The request is closed: it takes no more updates.');
      throw e;
    }
  }
}
