import { plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';

export type FieldErrors = Record<string, string>;

export type FormResult<T> =
  | { ok: true; value: T; values: Record<string, unknown> }
  | { ok: false; errors: FieldErrors; values: Record<string, unknown> };

/** Trims strings, and turns arrays where one value is expected into their last element. */
function clean(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (!body || typeof body !== 'object') return out;
  for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
    if (k === '_csrf') continue;
    if (typeof v === 'string') out[k] = v.replace(/\u0000/g, '').trim();
    else out[k] = v;
  }
  return out;
}

function flatten(errors: ValidationError[], prefix = ''): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    const key = prefix ? `${prefix}.${e.property}` : e.property;
    if (e.constraints) out[key] = Object.values(e.constraints)[0];
    if (e.children?.length) Object.assign(out, flatten(e.children, key));
  }
  return out;
}

/**
 * Parse and validate a submitted form against a class-validator DTO. On failure the caller
 * renders the same page with status 422, `values` to refill the fields and `errors` by field.
 */
export async function parseForm<T extends object>(dto: new () => T, body: unknown): Promise<FormResult<T>> {
  const values = clean(body);
  const instance = plainToInstance(dto, values, { exposeDefaultValues: true });
  const errors = await validate(instance, { whitelist: true, forbidUnknownValues: false, stopAtFirstError: true });
  if (errors.length) return { ok: false, errors: flatten(errors), values };
  return { ok: true, value: instance, values };
}

/** An error raised by a service about one field of a form (e.g. "este correo ya existe"). */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
