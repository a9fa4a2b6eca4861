/**
 * The Mexican taxpayer number (RFC): 3 letters for a company (persona moral) or 4 for a
 * person (persona física), the date of incorporation or birth as YYMMDD, and a 3-character
 * homoclave. Generic RFCs (XAXX010101000, XEXX010101000) pass too.
 */
const RFC = /^([A-ZÑ&]{3,4})(\d{2})(\d{2})(\d{2})([A-Z\d]{2})([A\d])$/;

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
  return day <= daysIn;
}

export const rfcKind = (value: string): 'moral' | 'fisica' => (normalizeRfc(value).length === 12 ? 'moral' : 'fisica');
