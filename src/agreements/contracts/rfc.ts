/**
 * The Mexican taxpayer number (RFC): 3 letters for a company (persona moral) or 4 for a
 * person (persona física), the date of incorporation or birth as YYMMDD, and a 3-character
 * homoclave whose last character is SAT's check digit. Generic RFCs (XAXX010101000,
 * XEXX010101000) pass too.
 */
const RFC = /^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z\d]{2})([A\d])$/;

const GENERIC = ['XAXX010101000', 'XEXX010101000'];
/** SAT's alphabet for the check digit: each character's value is its position. */
const ALPHABET = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';

/**
 * The check digit SAT computes over the first 12 characters (a company's RFC is padded with a
 * leading space to 13): weights 13 down to 2, modulo 11; 11 − remainder, "A" for 10, "0" for 11.
 */
export function rfcCheckDigit(rfc: string): string {
  const s = (rfc.length === 12 ? ' ' : '') + rfc;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += ALPHABET.indexOf(s[i]) * (13 - i);
  const d = 11 - (sum % 11);
  return d === 11 ? '0' : d === 10 ? 'A' : String(d);
}

export function normalizeRfc(v: string): string {
  return v.toUpperCase().replace(/[\s-]/g, '');
}

export function isValidRfc(value: string): boolean {
  const m = RFC.exec(normalizeRfc(value));
  if (!m) return false;
  const [, , yy, mm, dd] = m;
  const month = Number(mm);
  const day = Number(dd);
  if (month < 1 || month > 12 || day < 1) return false;
  // Leap years repeat every 4 years within a century, so 00 and 04 allow 29 February alike.
  const daysIn = [31, Number(yy) % 4 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day > daysIn) return false;
  const rfc = normalizeRfc(value);
  return GENERIC.includes(rfc) || rfc.at(-1) === rfcCheckDigit(rfc);
}

export const rfcKind = (value: string): 'moral' | 'fisica' => (normalizeRfc(value).length === 12 ? 'moral' : 'fisica');
