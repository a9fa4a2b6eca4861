import { Temporal } from '@js-temporal/polyfill';

/**
 * The one place where instants meet the municipality's local dates and times (TIMEZONE).
 *
 * - Wall clock → instant (a form's "2026-03-08 02:30", an import, a capture time without an
 *   offset) goes through Temporal (the TC39 polyfill): a time that does not exist (the hour
 *   skipped in spring) moves forward, a time that happens twice (autumn) takes the first, as
 *   Temporal's 'compatible' disambiguation and every calendar program do.
 * - Instant → wall clock (a day, an hour, an offset, a text for people) reads Intl's time-zone
 *   database, which is exact in that direction and 30 times faster than the polyfill (4 µs against
 *   110 µs a call: lists of 1 000 rows ask it thousands of times). Formatters are built once per
 *   zone and pattern, since building one costs more than using it.
 *
 * Nothing else in the application converts between the two: no offset arithmetic, no
 * process.env.TZ, no zone written into the code.
 */

export type IsoDate = string; // YYYY-MM-DD
export type WallTime = string; // HH:mm

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, f);
  }
  return f;
}

function toDate(at: Date | string | number): Date {
  return at instanceof Date ? at : new Date(at);
}

/** The wall-clock fields of an instant in a zone. */
export function wallClock(at: Date | string | number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = formatter('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(toDate(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The calendar day of an instant in the zone, "YYYY-MM-DD". */
export function localDate(at: Date | string | number, timeZone: string): IsoDate {
  return formatter('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(toDate(at));
}

/** The day and the time (HH:mm) of an instant in the zone. */
export function localDateTime(at: Date | string | number, timeZone: string): { date: IsoDate; time: WallTime } {
  const w = wallClock(at, timeZone);
  return { date: `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`, time: `${pad(w.hour)}:${pad(w.minute)}` };
}

/** "YYYY-MM-DDTHH:mm" of an instant in the zone, for datetime-local inputs; '' for nothing. */
export function localInputValue(at: Date | string | null | undefined, timeZone: string): string {
  if (at == null || at === '') return '';
  const d = toDate(at);
  if (Number.isNaN(d.getTime())) return '';
  const { date, time } = localDateTime(d, timeZone);
  return `${date}T${time}`;
}

/** The hour (0-23) on the zone's clock at an instant. */
export function localHour(at: Date | string | number, timeZone: string): number {
  return wallClock(at, timeZone).hour;
}

/** The zone's offset from UTC at an instant, as "-06:00" (Intl's own answer, cached by quarter hour). */
const offsets = new Map<string, string>();
const QUARTER = 15 * 60_000;
export function offsetAt(at: Date | string | number, timeZone: string): string {
  // Every change of offset in the time-zone database since 1970 falls on a quarter hour.
  const quarter = Math.floor(toDate(at).getTime() / QUARTER);
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const name = formatter('en-CA', { timeZone, timeZoneName: 'longOffset' }).formatToParts(new Date(quarter * QUARTER)).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    offset = name === 'GMT' ? '+00:00' : name.replace('GMT', '');
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/**
 * "2026-03-01T10:30:00-06:00": ISO 8601 with the zone's offset at that instant (seconds, no
 * milliseconds). The instant shifted by its cached offset: no Intl call once the quarter hour is
 * known (an Open311 list of 1 000 requests asks this 3 000 times).
 */
export function isoWithOffset(at: Date | string | number, timeZone: string): string {
  const t = toDate(at).getTime();
  const offset = offsetAt(t, timeZone);
  const minutes = (offset[0] === '-' ? -1 : 1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
  return new Date(t + minutes * 60_000).toISOString().slice(0, 19) + offset;
}

/**
 * The instant at which the zone's clock reads `date time` (HH:mm or HH:mm:ss). A time skipped by
 * a daylight-saving change moves forward by the gap; a repeated one takes its first occurrence.
 */
export function zonedToInstant(date: IsoDate, time: WallTime, timeZone: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!m || !t) throw new RangeError(`bad date or time: ${date} ${time}`);
  const pdt = Temporal.PlainDateTime.from({ year: +m[1], month: +m[2], day: +m[3], hour: +t[1], minute: +t[2], second: t[3] ? +t[3] : 0 }, { overflow: 'reject' });
  return new Date(pdt.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds);
}

/** "2026-03-14T10:30", "2026-03-14 10:30:15" or "2026-03-14" (midnight) read in the zone → the instant; null if malformed or impossible. */
export function parseLocal(local: string, timeZone: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?$/.exec(local.trim());
  if (!m) return null;
  try {
    return zonedToInstant(m[1], m[2] ?? '00:00', timeZone);
  } catch {
    return null;
  }
}

/** The instant the zone's day begins (not always 00:00: some zones skip midnight). */
export function startOfLocalDay(date: IsoDate, timeZone: string): Date {
  return new Date(Temporal.PlainDate.from(date, { overflow: 'reject' }).toZonedDateTime({ timeZone }).epochMilliseconds);
}

/**
 * A Date whose UTC fields are the zone's wall clock at the instant: what a spreadsheet cell must
 * hold, since XLSX dates carry no zone (exceljs writes a Date's UTC fields).
 */
export function wallClockAsUtc(at: Date | string | number, timeZone: string): Date {
  const w = wallClock(at, timeZone);
  return new Date(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second));
}

/** "2026-12-01 23:24" (or with seconds): the zone's local date and time as text, for CSV. */
export function localDateTimeText(at: Date | string | number, timeZone: string, withSeconds = false): string {
  const w = wallClock(at, timeZone);
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}${withSeconds ? `:${pad(w.second)}` : ''}`;
}

export type DateStyle = 'full' | 'long' | 'medium' | 'short';

/** An instant for people, in the zone: "1 de diciembre de 2026, 23:24" (es-MX) or the English form. */
export function formatInstant(at: Date | string | number, timeZone: string, opts: { lang?: string; date?: DateStyle; time?: DateStyle | null } = {}): string {
  const locale = opts.lang === 'en' ? 'en-US' : 'es-MX';
  const options: Intl.DateTimeFormatOptions = { timeZone, dateStyle: opts.date ?? 'long' };
  if (opts.time !== null) {
    // One clock for everyone: 24 h (hour12 false), never "11:24 p.m." next to "23:24".
    Object.assign(options, { timeStyle: opts.time ?? 'short', hourCycle: 'h23' });
  }
  return formatter(locale, options).format(toDate(at));
}

/** A calendar day for people: "2 de diciembre de 2026". No zone: a day is a day. */
export function formatDay(day: IsoDate, opts: { lang?: string; style?: Intl.DateTimeFormatOptions } = {}): string {
  const locale = opts.lang === 'en' ? 'en-US' : 'es-MX';
  return formatter(locale, { timeZone: 'UTC', ...(opts.style ?? { day: 'numeric', month: 'long', year: 'numeric' }) }).format(new Date(`${day}T12:00:00Z`));
}

/** A time of day for people, 24 h: "09:30". */
export function formatTime(at: Date | string | number, timeZone: string): WallTime {
  return localDateTime(at, timeZone).time;
}

/** The short form used in lists: "1 dic 2026" or, with the time, "1 dic 2026, 23:24" (24 h in every language). */
export function formatShort(at: Date | string | number, timeZone: string, opts: { lang?: string; withTime?: boolean } = {}): string {
  const locale = opts.lang === 'en' ? 'en-US' : 'es-MX';
  const base: Intl.DateTimeFormatOptions = { timeZone, day: 'numeric', month: 'short', year: 'numeric' };
  return formatter(locale, opts.withTime ? { ...base, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : base).format(toDate(at));
}
