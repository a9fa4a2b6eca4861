/** Folios and tracking codes. Pure functions: no Nest, no ORM. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** AC-2026-000123 */
export function formatFolio(year: number, seq: number): string {
  return `AC-${year}-${String(seq).padStart(6, '0')}`;
}

/** A folio as a person may type it ("ac-2026-123", " AC 2026 000123 ") in canonical form, or null. */
export function normalizeFolio(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const m = /^\s*AC[\s-]*(\d{4})[\s-]*(\d{1,9})\s*$/i.exec(input);
  if (!m) return null;
  const seq = Number(m[2]);
  if (!Number.isSafeInteger(seq) || seq < 1 || seq > 999_999_999) return null;
  return formatFolio(Number(m[1]), seq);
}

// Crockford's base32: no I, L, O, U, so a code read aloud or handwritten is not misread.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const TRACKING_CODE_LENGTH = 20; // 20 × 5 bits = 100 bits

/** A new random tracking code, e.g. "K7QM-3XD9-PA2F-W8RT-Y6HN" (100 bits). */
export function newTrackingCode(): string {
  const bytes = randomBytes(TRACKING_CODE_LENGTH);
  let out = '';
  for (let i = 0; i < TRACKING_CODE_LENGTH; i++) out += ALPHABET[bytes[i] & 31];
  return out.match(/.{5}/g)!.join('-');
}

/** Upper-case, without separators, with the letters people confuse mapped (O→0, I/L→1). */
export function normalizeTrackingCode(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const s = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  return s.length === TRACKING_CODE_LENGTH && [...s].every((ch) => ALPHABET.includes(ch)) ? s : null;
}

export function hashTrackingCode(code: string): string {
  return createHash('sha256').update(`cabildo-tracking:${normalizeTrackingCode(code) ?? code}`).digest('hex');
}

/** Whether `code` is the one whose hash is stored; constant-time. */
export function trackingCodeMatches(code: unknown, storedHash: string): boolean {
  const normal = normalizeTrackingCode(code);
  const a = Buffer.from(normal ? hashTrackingCode(normal) : '0'.repeat(64), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b) && !!normal;
}
