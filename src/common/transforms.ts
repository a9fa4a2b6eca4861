/** class-transformer helpers for HTML forms, where every value arrives as a string. */
type V = { value: unknown };
export const toOptionalInt = ({ value }: V) =>
  value === '' || value == null ? undefined : typeof value === 'string' && /^-?\d{1,15}$/.test(value.trim()) ? Number(value) : value;
export const toLowerTrim = ({ value }: V) => (typeof value === 'string' ? value.trim().toLowerCase() : value);
export const toCheckbox = ({ value }: V) => value === 'on' || value === 'true' || value === '1' || value === true;
export const emptyToUndefined = ({ value }: V) => (value === '' || value === null ? undefined : value);
