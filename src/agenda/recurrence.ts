/**
 * Recurrence rules (RFC 5545 RRULE, through the rrule library). Pure: no Nest, no ORM.
 * Occurrences are computed on "floating" wall-clock times (date + HH:mm in the town
 * hall's zone, carried in UTC fields), so a weekly 10:00 meeting stays at 10:00.
 */
import { Frequency, RRule, rrulestr } from 'rrule';
import type { IsoDate, WallTime } from './agenda-time';
import { addDays } from './agenda-time';

export const MAX_OCCURRENCES = 120;
export const RECURRENCE_FREQS = ['daily', 'weekly', 'monthly'] as const;
export type RecurrenceFreq = (typeof RECURRENCE_FREQS)[number];
/** Monday = 0 … Sunday = 6, as rrule counts. */
export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

export interface RecurrenceInput {
  freq: RecurrenceFreq;
  interval: number;
  byWeekday?: number[];
  until?: IsoDate;
  count?: number;
}

export class RecurrenceError extends Error {
  constructor(readonly key: string) {
    super(key);
  }
}

const FREQ: Record<RecurrenceFreq, Frequency> = { daily: RRule.DAILY, weekly: RRule.WEEKLY, monthly: RRule.MONTHLY };

/** The RRULE text (without DTSTART) for a form's choices. It must end: by a count or a date. */
export function buildRule(input: RecurrenceInput): string {
  if (!Number.isInteger(input.interval) || input.interval < 1 || input.interval > 12) throw new RecurrenceError('agenda.validation.recurrence_interval');
  if (!input.count && !input.until) throw new RecurrenceError('agenda.validation.recurrence_end');
  if (input.count && (input.count < 2 || input.count > MAX_OCCURRENCES)) throw new RecurrenceError('agenda.validation.recurrence_count');
  const parts = [`FREQ=${input.freq.toUpperCase()}`];
  if (input.interval > 1) parts.push(`INTERVAL=${input.interval}`);
  if (input.freq === 'weekly' && input.byWeekday?.length) parts.push(`BYDAY=${[...new Set(input.byWeekday)].sort().map((d) => WEEKDAY_CODES[d]).join(',')}`);
  if (input.count) parts.push(`COUNT=${input.count}`);
  else parts.push(`UNTIL=${input.until!.replace(/-/g, '')}T235959Z`);
  return parts.join(';');
}

/** The form's choices back from a rule (to fill the edit form). */
export function parseRule(rule: string): RecurrenceInput {
  const o = RRule.parseString(rule);
  const freq = (Object.entries(FREQ).find(([, f]) => f === o.freq)?.[0] ?? 'weekly') as RecurrenceFreq;
  const byweekday = o.byweekday == null ? [] : (Array.isArray(o.byweekday) ? o.byweekday : [o.byweekday]);
  return {
    freq,
    interval: o.interval ?? 1,
    byWeekday: byweekday.map((w) => (typeof w === 'number' ? w : (w as { weekday: number }).weekday)),
    count: o.count ?? undefined,
    until: o.until ? o.until.toISOString().slice(0, 10) : undefined,
  };
}

const floating = (date: IsoDate, time: WallTime) => new Date(`${date}T${time}:00Z`);

/** Every occurrence (date and time) of a rule from its first date, at most MAX_OCCURRENCES. */
export function expand(rule: string, startDate: IsoDate, startTime: WallTime): { date: IsoDate; time: WallTime }[] {
  let r: RRule;
  try {
    r = rrulestr(rule, { dtstart: floating(startDate, startTime) }) as RRule;
  } catch {
    throw new RecurrenceError('agenda.validation.recurrence_rule');
  }
  const list = r.all((_, i) => i < MAX_OCCURRENCES + 1);
  if (list.length > MAX_OCCURRENCES) throw new RecurrenceError('agenda.validation.recurrence_count');
  return list.map((d) => ({ date: d.toISOString().slice(0, 10), time: d.toISOString().slice(11, 16) }));
}

/**
 * Split a series at one occurrence ("this and the following"): the old rule ends the day
 * before `at`; the new part keeps the same end (what was left of the count, or the date).
 */
export function splitRule(rule: string, startDate: IsoDate, startTime: WallTime, at: IsoDate): { before: string | null; after: string } {
  const all = expand(rule, startDate, startTime);
  const index = all.findIndex((o) => o.date >= at);
  if (index < 0) throw new RecurrenceError('agenda.validation.recurrence_rule');
  const o = RRule.parseString(rule);
  const keep = (extra: Record<string, unknown>) => {
    const parts = rule.split(';').filter((p) => !/^(COUNT|UNTIL)=/.test(p));
    return [...parts, ...Object.entries(extra).map(([k, v]) => `${k}=${v}`)].join(';');
  };
  const before = index === 0 ? null : keep({ UNTIL: `${addDays(at, -1).replace(/-/g, '')}T235959Z` });
  const after = o.count ? keep({ COUNT: o.count - index }) : keep({ UNTIL: `${o.until!.toISOString().slice(0, 10).replace(/-/g, '')}T235959Z` });
  return { before, after };
}
