import { formatFolio, hashTrackingCode, newTrackingCode, normalizeFolio, normalizeTrackingCode, trackingCodeMatches } from './case-codes';

describe('folios and tracking codes', () => {
  it('formats and normalises folios', () => {
    expect(formatFolio(2026, 123)).toBe('AC-2026-000123');
    expect(normalizeFolio(' ac-2026-123 ')).toBe('AC-2026-000123');
    expect(normalizeFolio('AC 2026 000123')).toBe('AC-2026-000123');
    expect(normalizeFolio('2026-123')).toBeNull();
    expect(normalizeFolio("AC-2026-1' OR 1=1")).toBeNull();
  });

  it('makes 100-bit codes that survive typing in lower case and without dashes', () => {
    const code = newTrackingCode();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{5}(-[0-9A-HJKMNP-TV-Z]{5}){3}$/);
    expect(new Set(Array.from({ length: 200 }, newTrackingCode)).size).toBe(200);
    const hash = hashTrackingCode(code);
    expect(trackingCodeMatches(code.toLowerCase().replace(/-/g, ' '), hash)).toBe(true);
    expect(trackingCodeMatches(newTrackingCode(), hash)).toBe(false);
    expect(trackingCodeMatches('', hash)).toBe(false);
    expect(normalizeTrackingCode('O1IL-0000-0000-0000-0000')).toBe('01110000000000000000');
  });
});
