/**
 * Wall-clock time in the town hall's time zone ↔ instants. Pure functions (Intl only):
 * forms speak "2026-03-02 10:00 in Tampacán"; the database keeps instants.
 */
export type IsoDate = string; // YYYY-MM-DD
export type WallTime = string; // HH:mm

function offsetMs(at: Date, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(at.getTime() / 1000) * 1000;
}

/** The instant at which the wall clock in `tz` reads `date time`. */
export function zonedToInstant(date: IsoDate, time: WallTime, tz: string): Date {
  const naive = Date.parse(`${date}T${time}:00Z`);
  if (Number.isNaN(naive)) throw new RangeError(`bad date or time: ${date} ${time}`);
  const first = naive - offsetMs(new Date(naive), tz);
  const second = naive - offsetMs(new Date(first), tz);
  return new Date(second);
}

/** The wall-clock date and time of an instant in `tz`. */
export function instantToZoned(at: Date, tz: string): { date: IsoDate; time: WallTime } {
  const shifted = new Date(at.getTime() + offsetMs(at, tz));
  const iso = shifted.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

export function addDays(d: IsoDate, n: number): IsoDate {
  const x = new Date(`${d}T00:00:00Z`);
  x.setUTCDate(x.getUTCDate() + n);
  return x.toISOString().slice(0, 10);
}

/** Monday of the week of `d`. */
export function weekStart(d: IsoDate): IsoDate {
  const wd = new Date(`${d}T00:00:00Z`).getUTCDay();
  return addDays(d, -((wd + 6) % 7));
}

/** The days shown by a month calendar: whole weeks, Monday first. */
export function monthGrid(month: string): IsoDate[][] {
  const first = `${month}-01`;
  const start = weekStart(first);
  const next = new Date(`${first}T00:00:00Z`);
  next.setUTCMonth(next.getUTCMonth() + 1);
  const end = next.toISOString().slice(0, 10);
  const weeks: IsoDate[][] = [];
  for (let d = start; d < end; d = addDays(d, 7)) weeks.push(Array.from({ length: 7 }, (_, i) => addDays(d, i)));
  return weeks;
}

export const isIsoDate = (s: unknown): s is IsoDate => typeof s === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));
