import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { Request } from 'express';
import { Observable } from 'rxjs';

/** PostgreSQL text cannot hold NUL bytes: remove them from every submitted value, once, here. */
function strip(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.includes('\u0000') ? value.replace(/\u0000/g, '') : value;
  if (depth > 8 || value === null || typeof value !== 'object' || Buffer.isBuffer(value)) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = strip(value[i], depth + 1);
    return value;
  }
  for (const k of Object.keys(value)) (value as Record<string, unknown>)[k] = strip((value as Record<string, unknown>)[k], depth + 1);
  return value;
}

@Injectable()
export class StripNulInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (req?.body) strip(req.body);
    if (req?.query) strip(req.query);
    return next.handle();
  }
}
