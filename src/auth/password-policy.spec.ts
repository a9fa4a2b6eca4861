import { oneTimePassword, passwordProblem } from './password-policy';

describe('password policy', () => {
  it.each([
    ['corta1', 'auth.password.too_short'],
    ['soloLetrasLargas', 'auth.password.letters_and_digits'],
    ['12345678901', 'auth.password.letters_and_digits'],
    ['Password123', 'auth.password.too_common'],
    ['maria.lopez2026x', 'auth.password.contains_email'],
  ])('refuses %s', (pw, key) => {
    expect(passwordProblem(pw, 'maria.lopez@tampacan.gob.mx')).toBe(key);
  });
  it('accepts a long password with letters and digits', () => {
    expect(passwordProblem('Huasteca-2026-rio', 'maria.lopez@tampacan.gob.mx')).toBeNull();
  });
});

describe('one-time passwords', () => {
  it('are four groups of five unambiguous letters and digits, always within the rule, never twice the same', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 500; i++) {
      const p = oneTimePassword();
      expect(p).toMatch(/^[a-hjkmnp-zA-HJ-NP-Z2-9]{5}(-[a-hjkmnp-zA-HJ-NP-Z2-9]{5}){3}$/);
      expect(passwordProblem(p, 'ti@tampacan.gob.mx')).toBeNull();
      seen.add(p);
    }
    expect(seen.size).toBe(500);
  });
});
