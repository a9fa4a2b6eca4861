/** Wall-clock times of the town hall's time zone ↔ instants, through the one clock (common/local-time). */
import { localDate, localInputValue, parseLocal } from '../common/local-time';

/** "2026-03-14T10:30" (or "2026-03-14") read in `timeZone` → the instant; null if malformed or impossible. */
export function zonedToInstant(local: string, timeZone: string): Date | null {
  return parseLocal(local, timeZone);
}

/** The instant as "YYYY-MM-DDTHH:mm" in `timeZone` (for datetime-local inputs). */
export function instantToZoned(instant: Date | string | null | undefined, timeZone: string): string {
  return localInputValue(instant, timeZone);
}

/** The calendar day of an instant in `timeZone`, "YYYY-MM-DD". */
export function dayIn(instant: Date, timeZone: string): string {
  return localDate(instant, timeZone);
}
