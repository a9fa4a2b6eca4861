/** Calendar days typed into forms and addresses. Pure. */

/** "YYYY-MM-DD" naming a day that exists: no 30 February, no month 13, no day 0. */
export function isCalendarDate(v: unknown): v is string {
  if (typeof v !== 'string') return false;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (y < 1000 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/**
 * The date filters of a listing (?desde=…&hasta=…): the days that exist, and an error key for
 * each one given that does not, to show beside its field while the rest of the page works.
 */
export function dateFilters<K extends string>(query: Record<string, unknown>, keys: readonly K[]): { days: Partial<Record<K, string>>; errors: Partial<Record<K, string>>; typed: Partial<Record<K, string>> } {
  const days: Partial<Record<K, string>> = {};
  const errors: Partial<Record<K, string>> = {};
  const typed: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = query[k];
    if (typeof v !== 'string' || v === '') continue;
    typed[k] = v.slice(0, 20);
    if (isCalendarDate(v)) days[k] = v;
    else errors[k] = 'validation.date_not_exists';
  }
  return { days, errors, typed };
}
