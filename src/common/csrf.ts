import { randomBytes } from 'node:crypto';
import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { doubleCsrf, DoubleCsrfUtilities } from 'csrf-csrf';
import type { NextFunction, Request, Response } from 'express';

export const BROWSER_COOKIE = 'cabildo.b';
export const SKIP_CSRF_KEY = 'cabildo:skip-csrf';

/**
 * Double-submit CSRF tokens (csrf-csrf), bound to a random per-browser id kept in a
 * signed cookie, so that a citizen's public form works without creating a session.
 */
export function createCsrf(secret: string, secure: boolean): DoubleCsrfUtilities {
  return doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => (req.signedCookies?.[BROWSER_COOKIE] as string | undefined) ?? '',
    cookieName: secure ? '__Host-cabildo.x-csrf' : 'cabildo.x-csrf',
    cookieOptions: { sameSite: 'lax', path: '/', secure, httpOnly: true },
    getCsrfTokenFromRequest: (req) => {
      const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
      if (typeof fromBody === 'string') return fromBody;
      const fromQuery = req.query?._csrf; // multipart forms carry it in their action URL
      if (typeof fromQuery === 'string') return fromQuery;
      return req.header('x-csrf-token');
    },
  });
}

export function browserId(secure: boolean) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.signedCookies?.[BROWSER_COOKIE]) {
      const id = randomBytes(18).toString('base64url');
      res.cookie(BROWSER_COOKIE, id, { signed: true, httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: 365 * 86400_000 });
      req.signedCookies = { ...(req.signedCookies ?? {}), [BROWSER_COOKIE]: id };
    }
    next();
  };
}

export class CsrfRejectedException extends ForbiddenException {}

/** A guard rather than middleware, so that a refusal is rendered by the app's own error pages. */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(
    private readonly csrf: DoubleCsrfUtilities,
    private readonly reflector: Reflector,
  ) {}
  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return true;
    if (this.reflector.getAllAndOverride<boolean>(SKIP_CSRF_KEY, [ctx.getHandler(), ctx.getClass()])) return true;
    if (!this.csrf.validateRequest(req)) throw new CsrfRejectedException('csrf');
    return true;
  }
}
