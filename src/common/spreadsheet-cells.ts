/**
 * A text cell that a spreadsheet could run as a formula (it starts with = + - @, a tab or a
 * carriage return: "=HYPERLINK(…)", "@SUM(…)") gets a leading apostrophe, so it is read as
 * text. Numbers, also negative ones written as text, stay as they are. The one rule for every
 * CSV Cabildo writes (cases, statistics, transparency).
 */
export function safeCell<T>(value: T): T | string {
  return typeof value === 'string' && /^[=+\-@\t\r]/.test(value) && !/^-?\d{1,15}(\.\d{1,6})?$/.test(value) ? `'${value}` : value;
}
