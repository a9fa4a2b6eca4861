/**
 * The inbox's page cursor (`despues`) and date filters come from the address bar: anything
 * that is not what the app itself wrote is ignored (the first page, no filter), never handed
 * to PostgreSQL to fail on. Pure.
 */
const INT = /^\d{1,9}$/;

/** A real calendar day, YYYY-MM-DD (2026-02-30 is not one). */
export function validDay(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 9999 && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d ? v : undefined;
}

/** A timestamptz as PostgreSQL writes it as text (`2026-12-02 07:17:36.256+00`, or with T / Z / +05:30). */
export function validTimestamp(v: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d{1,6})?(Z|[+-]\d{2}(:?\d{2})?)?$/.exec(v);
  return !!m && !!validDay(m[1]) && Number(m[2]) < 24 && Number(m[3]) < 60 && Number(m[4]) < 60;
}

export type CursorSort = 'date' | 'deadline' | 'priority' | 'relevance';

/** The cursor's parts if it is well formed for this order, else null. */
export function cursorParts(sort: CursorSort, after: string | null | undefined): string[] | null {
  if (!after) return null;
  const parts = after.split('|');
  const ok =
    sort === 'date' ? parts.length === 2 && validTimestamp(parts[0]) && INT.test(parts[1])
    : sort === 'deadline' ? parts.length === 2 && !!validDay(parts[0]) && INT.test(parts[1])
    : sort === 'priority' ? parts.length === 3 && /^\d{1,4}$/.test(parts[0]) && Number(parts[0]) <= 32767 && validTimestamp(parts[1]) && INT.test(parts[2])
    : parts.length === 2 && /^\d{1,10}(\.\d{1,12})?(e-?\d{1,2})?$/.test(parts[0]) && Number.isFinite(Number(parts[0])) && INT.test(parts[1]);
  return ok ? parts : null;
}
