import type { Response } from 'express';
import { FieldError, FieldErrors } from './forms';

/** Render a page. Models are plain objects built by the controller, never ORM entities. */
export function render(res: Response, view: string, model: Record<string, unknown>, status = 200): void {
  res.status(status).render(view, model);
}

/** The same form again, with status 422, the person's values and an error beside each field. */
export function renderInvalid(res: Response, view: string, model: Record<string, unknown>, values: Record<string, unknown>, errors: FieldErrors): void {
  res.status(422).render(view, { ...model, values, errors, hasErrors: true });
}

/** Run a service call; a FieldError becomes a 422 on the same form, anything else propagates. */
export async function orFieldError<T>(fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; errors: FieldErrors }> {
  try {
    return { ok: true, value: await fn() };
  } catch (e) {
    if (e instanceof FieldError) return { ok: false, errors: { [e.field]: e.message } };
    throw e;
  }
}

export function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
