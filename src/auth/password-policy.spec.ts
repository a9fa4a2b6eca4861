import { passwordProblem } from './password-policy';

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
