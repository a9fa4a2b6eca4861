import * as localTime from '../common/local-time';
import { isCalendarDate } from '../common/calendar-date';

/**
 * Wall-clock time in the town hall's time zone ↔ instants, through common/local-time:
 * forms speak "2026-03-02 10:00 in Tampacán"; the database keeps instants.
 */
export type IsoDate = string; // YYYY-MM-DD
export type WallTime = string; // HH:mm

/** The instant at which the wall clock in `tz` reads `date time` (the one clock: common/local-time). */
export function zonedToInstant(date: IsoDate, time: WallTime, tz: string): Date {
  return localTime.zonedToInstant(date, time, tz);
}

/** The wall-clock date and time of an instant in `tz`. */
export function instantToZoned(at: Date, tz: string): { date: IsoDate; time: WallTime } {
  return localTime.localDateTime(at, tz);
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

/** A day that exists (Date.parse takes 2026-02-30 as 2 March; the one clock refuses it). */
export const isIsoDate = (s: unknown): s is IsoDate => isCalendarDate(s);
