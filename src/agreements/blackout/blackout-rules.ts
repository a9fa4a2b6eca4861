import { localDate } from '../../common/local-time';
/**
 * The electoral blackout (veda electoral), as pure rules: no Nest, no ORM.
 * During a blackout period government publicity stops (Constitution art. 41, base III,
 * apartado C; LGIPE art. 209), except information on health, education, civil protection
 * and what the electoral authorities ask to spread.
 */
export const BLACKOUT_KINDS = ['federal', 'state', 'municipal', 'recall'] as const;
export type BlackoutKind = (typeof BLACKOUT_KINDS)[number];

/** The acts the blackout governs. The agenda and citizen attention go on as usual. */
export const BLACKOUT_ACTS = ['send_release', 'publish_newsroom', 'publish_social', 'run_campaign_piece'] as const;
export type BlackoutAct = (typeof BLACKOUT_ACTS)[number];

/** The legal exceptions. */
export const BLACKOUT_EXCEPTIONS = ['health', 'education', 'civil_protection', 'electoral_authority'] as const;
export type BlackoutException = (typeof BLACKOUT_EXCEPTIONS)[number];

export interface BlackoutPeriodLike {
  id: number;
  name: string;
  kind: BlackoutKind;
  /** First and last day (inclusive), YYYY-MM-DD in the municipality's time zone. */
  startsOn: string;
  endsOn: string;
}

export interface BlackoutQuery {
  act: BlackoutAct;
  at: Date;
  exception?: string | null;
  reason?: string | null;
}

export type BlackoutDecision =
  | { verdict: 'allowed' }
  | { verdict: 'exception'; period: BlackoutPeriodLike; exception: BlackoutException; reason: string }
  | { verdict: 'refused'; period: BlackoutPeriodLike; messageKey: string; field: 'exception' | 'exceptionReason' };

export const MIN_REASON_LENGTH = 10;

/** The calendar day of an instant in a time zone, as YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  return localDate(at, timeZone);
}

export function isBlackoutException(v: unknown): v is BlackoutException {
  return typeof v === 'string' && (BLACKOUT_EXCEPTIONS as readonly string[]).includes(v);
}

/** The period in force on a day, if any (the one that started first when several overlap). */
export function periodOn(periods: readonly BlackoutPeriodLike[], day: string): BlackoutPeriodLike | null {
  return [...periods].filter((p) => p.startsOn <= day && day <= p.endsOn).sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.id - b.id)[0] ?? null;
}

/**
 * Whether an act at a given instant is allowed, refused, or allowed by a legal exception.
 * An exception needs its reason (at least MIN_REASON_LENGTH characters).
 */
export function decideBlackout(periods: readonly BlackoutPeriodLike[], q: BlackoutQuery, timeZone: string): BlackoutDecision {
  const period = periodOn(periods, localDay(q.at, timeZone));
  if (!period) return { verdict: 'allowed' };
  const exception = q.exception ? String(q.exception) : '';
  if (!exception) return { verdict: 'refused', period, messageKey: `blackout.refused.${q.act}`, field: 'exception' };
  if (!isBlackoutException(exception)) return { verdict: 'refused', period, messageKey: 'blackout.refused.unknown_exception', field: 'exception' };
  const reason = (q.reason ?? '').trim();
  if (reason.length < MIN_REASON_LENGTH) return { verdict: 'refused', period, messageKey: 'blackout.refused.reason_required', field: 'exceptionReason' };
  return { verdict: 'exception', period, exception, reason };
}

/** A period's own check: the last day is not before the first, and it lasts at most a year. */
export function periodProblem(startsOn: string, endsOn: string): string | null {
  if (endsOn < startsOn) return 'blackout.validation.ends_before_start';
  const days = (Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000;
  if (days > 366) return 'blackout.validation.too_long';
  return null;
}
