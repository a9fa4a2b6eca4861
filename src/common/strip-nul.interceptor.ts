import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { parse } from 'node:querystring';
import { Observable } from 'rxjs';

/** PostgreSQL text cannot hold NUL bytes: remove them from every submitted value, once, here. */
export function strip(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replace(/\u0000/g, '') : value;
  if (depth > 8 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = strip(value[i], depth + 1);
    return value;
  }
  for (const k of Object.keys(value)) (value as Record<string, unknown>)[k] = strip((value as Record<string, unknown>)[k], depth + 1);
  return value;
}

/**
 * Express's "simple" query parser (node:querystring) without NUL bytes, in keys or values.
 * Express 5 parses req.query anew on every read, so the query cannot be cleaned by changing
 * the object afterwards (as the body is): it is clean as it is parsed (app.setup.ts).
 */
export function parseQueryWithoutNul(query: string | null | undefined): Record<string, unknown> {
  return strip(parse((query ?? '').replace(/%00|\u0000/g, ''))) as Record<string, unknown>;
}

@Injectable()
export class StripNulInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (req?.body) strip(req.body);
    return next.handle();
  }
}
