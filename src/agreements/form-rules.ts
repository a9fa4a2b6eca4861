import { ValidateBy, ValidationOptions } from 'class-validator';

/** A real calendar day written YYYY-MM-DD (2026-02-31 is refused), between 2000 and 2100. */
export function isDay(v: unknown): v is string {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '2000-01-01' && v <= '2100-12-31';
}

export function IsDay(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isDay', validator: { validate: (v) => isDay(v) } }, options);
}

/** "12,500.50", "$12 500.50" or "12500.5" → 12500.5; anything else is left for the validator to refuse. */
export const toMoney = ({ value }: { value: unknown }) => {
  if (value === '' || value == null) return undefined;
  if (typeof value !== 'string') return value;
  const s = value.replace(/[$\s,]/g, '');
  return /^\d{1,12}(\.\d{1,2})?$/.test(s) ? Number(s) : value;
};

export const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

const MXN = new Intl.NumberFormat('es-MX', { style: 'currency', currency: 'MXN' });
export const formatMoney = (n: number | string | null | undefined) => (n == null || n === '' ? '' : MXN.format(Number(n)));

/** numeric columns come back from PostgreSQL as strings: read them as numbers. */
export const numericColumn = { to: (v: number | null) => v, from: (v: string | null) => (v == null ? null : Number(v)) };
