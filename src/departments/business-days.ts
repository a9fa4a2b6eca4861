/**
 * Business-day arithmetic and Mexico's official holidays. Pure functions: no Nest, no ORM.
 * Dates are civil dates as 'YYYY-MM-DD' strings, so no time zone can shift them.
 */

export type IsoDate = string;

function toUtc(d: IsoDate): Date {
  const [y, m, day] = d.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, day));
}
function fromUtc(d: Date): IsoDate {
  return d.toISOString().slice(0, 10);
}
export function addDays(d: IsoDate, n: number): IsoDate {
  const x = toUtc(d);
  x.setUTCDate(x.getUTCDate() + n);
  return fromUtc(x);
}
export function isWeekend(d: IsoDate): boolean {
  const wd = toUtc(d).getUTCDay();
  return wd === 0 || wd === 6;
}
export function isBusinessDay(d: IsoDate, holidays: ReadonlySet<IsoDate>): boolean {
  return !isWeekend(d) && !holidays.has(d);
}

/** The date `n` business days after `from` (from itself not counted). n = 0 gives `from` rolled to a business day. */
export function addBusinessDays(from: IsoDate, n: number, holidays: ReadonlySet<IsoDate>): IsoDate {
  let d = from;
  if (n <= 0) {
    while (!isBusinessDay(d, holidays)) d = addDays(d, 1);
    return d;
  }
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isBusinessDay(d, holidays)) left--;
  }
  return d;
}

/** Days since 1970-01-01 (a Thursday) of a civil date, by arithmetic on its digits. */
function dayNumber(d: IsoDate): number {
  return Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / 86_400_000;
}

/** Weekdays (Monday to Friday) among the days numbered 0 … n-1 since 1970-01-01 (a Thursday). */
function weekdaysBefore(n: number): number {
  const weeks = Math.floor(n / 7);
  let count = weeks * 5;
  for (let i = weeks * 7; i < n; i++) {
    const wd = (i + 4) % 7;
    if (wd !== 0 && wd !== 6) count++;
  }
  return count;
}

/** The holidays that fall on a weekday, as sorted day numbers; worked out once per set (the inbox asks for every row). */
const weekdayHolidays = new WeakMap<ReadonlySet<IsoDate>, number[]>();
function holidayDays(holidays: ReadonlySet<IsoDate>): number[] {
  let days = weekdayHolidays.get(holidays);
  if (!days) {
    days = [...holidays].map(dayNumber).filter((n) => (n + 4) % 7 !== 0 && (n + 4) % 7 !== 6).sort((x, y) => x - y);
    weekdayHolidays.set(holidays, days);
  }
  return days;
}

/** Business days in (a, b] (day numbers, a ≤ b), by arithmetic: a deadline years away is as cheap as tomorrow's. */
function businessDaysIn(a: number, b: number, holidays: ReadonlySet<IsoDate>): number {
  let count = weekdaysBefore(b + 1) - weekdaysBefore(a + 1);
  for (const h of holidayDays(holidays)) {
    if (h > b) break;
    if (h > a) count--;
  }
  return count;
}

/** Business days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`. */
export function businessDaysBetween(from: IsoDate, to: IsoDate, holidays: ReadonlySet<IsoDate>): number {
  if (from === to) return 0;
  const a = dayNumber(from);
  const b = dayNumber(to);
  // Going back, the days counted are [to, from): the same as (to - 1, from - 1].
  return b > a ? businessDaysIn(a, b, holidays) : 0 - businessDaysIn(b - 1, a - 1, holidays);
}

/** The n-th (1-based) given weekday (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): IsoDate {
  const first = new Date(Date.UTC(year, month - 1, 1));
  const offset = (weekday - first.getUTCDay() + 7) % 7;
  return fromUtc(new Date(Date.UTC(year, month - 1, 1 + offset + 7 * (n - 1))));
}

/** Western Easter Sunday (anonymous Gregorian algorithm), for Holy Thursday and Good Friday. */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return fromUtc(new Date(Date.UTC(year, month - 1, day)));
}

export interface HolidaySeed {
  day: IsoDate;
  name: string;
}

/**
 * Official rest days of the Ley Federal del Trabajo (art. 74) plus the days off that
 * municipal governments customarily give (Holy Week, Día de Muertos, Guadalupe). The
 * administrator edits the list; this is only the starting point for a year.
 */
export function mexicanHolidays(year: number): HolidaySeed[] {
  const easter = easterSunday(year);
  const list: HolidaySeed[] = [
    { day: `${year}-01-01`, name: 'Año Nuevo' },
    { day: nthWeekday(year, 2, 1, 1), name: 'Día de la Constitución' },
    { day: nthWeekday(year, 3, 1, 3), name: 'Natalicio de Benito Juárez' },
    { day: addDays(easter, -3), name: 'Jueves Santo' },
    { day: addDays(easter, -2), name: 'Viernes Santo' },
    { day: `${year}-05-01`, name: 'Día del Trabajo' },
    { day: `${year}-09-16`, name: 'Día de la Independencia' },
    { day: `${year}-11-02`, name: 'Día de Muertos' },
    { day: nthWeekday(year, 11, 1, 3), name: 'Día de la Revolución' },
    { day: `${year}-12-12`, name: 'Día de la Virgen de Guadalupe' },
    { day: `${year}-12-25`, name: 'Navidad' },
  ];
  // Change of federal executive power: 1 October every six years (2024, 2030, …).
  if (year >= 2024 && (year - 2024) % 6 === 0) list.push({ day: `${year}-10-01`, name: 'Transmisión del Poder Ejecutivo Federal' });
  return list.sort((a, b) => a.day.localeCompare(b.day));
}
