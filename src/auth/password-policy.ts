import { randomInt } from 'node:crypto';

/** Letters and digits that cannot be mistaken for one another when read off a screen. */
const ONE_TIME_ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time password to hand over by hand: four groups of five (about 115 bits), always within the rule. */
export function oneTimePassword(): string {
  for (;;) {
    const chars = Array.from({ length: 20 }, () => ONE_TIME_ALPHABET[randomInt(ONE_TIME_ALPHABET.length)]);
    const password = [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
    if (/\d/.test(password) && /[A-Za-z]/.test(password)) return password;
  }
}

/** The password rule, as one pure function: returns the i18n key of what is wrong, or null. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < 10) return 'auth.password.too_short';
  if (password.length > 200) return 'auth.password.too_long';
  if (!/[A-Za-zÁÉÍÓÚÑáéíóúñ]/.test(password) || !/\d/.test(password)) return 'auth.password.letters_and_digits';
  const lower = password.toLowerCase();
  if (email && lower.includes(email.toLowerCase().split('@')[0])) return 'auth.password.contains_email';
  if (['contraseña1', 'password123', '1234567890a', 'qwerty12345', 'tampacan2026', 'ayuntamiento1'].includes(lower)) return 'auth.password.too_common';
  return null;
}
