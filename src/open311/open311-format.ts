/**
 * Open311 GeoReport v2 and mySociety's extensions, mapped onto Cabildo's cases. Pure: no
 * Nest, no ORM, so the mappings are tested on their own.
 */
import type { QuestionKind } from '../departments/category-questions';
import type { CaseStatus } from '../cases/case-status';
import { isoWithOffset } from '../common/local-time';

export type Format = 'xml' | 'json';

/** One error of an answer: `code` is the HTTP status it belongs to, as the specification's examples do. */
export interface Open311ErrorItem {
  code: number;
  description: string;
}

/** An error answer: 403 for the api_key, 404 for unknown things, 400 for the rest, with every problem listed. */
export class Open311Error extends Error {
  constructor(
    readonly status: number,
    readonly errors: Open311ErrorItem[],
  ) {
    super(errors.map((e) => e.description).join('; '));
  }
  static of(status: number, ...descriptions: string[]) {
    return new Open311Error(status, descriptions.map((description) => ({ code: status, description })));
  }
}

/** The GeoReport datatype of each kind of category question. */
export const DATATYPES: Record<QuestionKind, string> = {
  text: 'string',
  number: 'number',
  date: 'datetime',
  single: 'singlevaluelist',
  multiple: 'multivaluelist',
};

export const DATATYPE_DESCRIPTIONS: Record<QuestionKind, string> = {
  text: 'Texto breve (hasta 500 caracteres).',
  number: 'Número, por ejemplo 3 o 2.5.',
  date: 'Fecha AAAA-MM-DD o fecha y hora ISO 8601.',
  single: 'Una de las claves de values.',
  multiple: 'Una o más claves de values (attribute[code][]).',
};

/** GeoReport's two statuses. */
export function georeportStatus(status: CaseStatus): 'open' | 'closed' {
  return ['resolved', 'closed', 'rejected', 'duplicate'].includes(status) ? 'closed' : 'open';
}

/** mySociety's extended statuses (servicerequestupdates), from Cabildo's. */
export const EXTENDED_STATUS: Record<CaseStatus, string> = {
  received: 'OPEN',
  in_review: 'INVESTIGATING',
  routed: 'ACTION_SCHEDULED',
  in_progress: 'IN_PROGRESS',
  resolved: 'FIXED',
  closed: 'CLOSED',
  rejected: 'NO_FURTHER_ACTION',
  duplicate: 'DUPLICATE',
  reopened: 'REOPEN',
};

/** mySociety's extended statuses, to Cabildo's (what the status means here). */
export const FROM_EXTENDED_STATUS: Record<string, CaseStatus> = {
  OPEN: 'received',
  INVESTIGATING: 'in_review',
  INTERNAL_REFERRAL: 'in_review',
  ACTION_SCHEDULED: 'routed',
  IN_PROGRESS: 'in_progress',
  FIXED: 'resolved',
  CLOSED: 'closed',
  NO_FURTHER_ACTION: 'rejected',
  NOT_COUNCILS_RESPONSIBILITY: 'rejected',
  DUPLICATE: 'duplicate',
  REOPEN: 'reopened',
};

export function parseExtendedStatus(value: string | undefined): string | null {
  if (!value) return null;
  const v = value.trim().toUpperCase().replace(/[\s-]+/g, '_');
  return v in FROM_EXTENDED_STATUS ? v : null;
}

/**
 * "2026-03-01T10:30:00-06:00": ISO 8601 with the town hall's offset at that instant. The offset
 * comes from the one clock (common/local-time), which caches it by zone and quarter hour.
 */
export function isoInZone(at: Date, timezone: string): string {
  return isoWithOffset(at, timezone);
}

/** The end of a civil day (a deadline) in the town hall's zone. */
export function endOfDayInZone(day: string, timezone: string): string {
  // Noon UTC of that day has the day's offset in every American zone.
  const offset = isoInZone(new Date(`${day}T12:00:00Z`), timezone).slice(19);
  return `${day}T23:59:59${offset}`;
}

/** A date parameter: ISO 8601 (a bare date is the start of that day in the town hall's zone). */
export function parseDateParam(value: string, timezone: string): Date | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const offset = isoInZone(new Date(`${value}T12:00:00Z`), timezone).slice(19);
    value = `${value}T00:00:00${offset}`;
  }
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?$/.test(value)) return null;
  const [y, m, day] = value.slice(0, 10).split('-').map(Number);
  const civil = new Date(Date.UTC(y, m - 1, day));
  if (civil.getUTCMonth() !== m - 1 || civil.getUTCDate() !== day) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Kept here for the API's tests: the rule lives with the case's publication (redacted once, when saved). */
export { redactContacts } from '../cases/case-publication';

/** A query or form parameter as the specification reads it: an empty one is an absent one. */
export function param(value: unknown): string | undefined {
  const v = Array.isArray(value) ? value[value.length - 1] : value;
  if (typeof v !== 'string') return undefined;
  const t = v.replace(/\u0000/g, '').trim();
  return t === '' ? undefined : t;
}

/** A comma-separated list parameter. */
export function listParam(value: unknown): string[] {
  return (param(value) ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

/** The list element names of each answer, for the XML serializer. */
export const XML_ITEMS: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  errors: 'error',
  service_request_updates: 'request_update',
  history: 'update',
  answers: 'answer',
};
