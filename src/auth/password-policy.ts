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
