import { randomBytes } from 'node:crypto';
import { applyDecorators, CallHandler, CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, NestInterceptor, SetMetadata, Type, UseInterceptors } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { doubleCsrf, DoubleCsrfUtilities } from 'csrf-csrf';
import type { NextFunction, Request, Response } from 'express';
import { Observable } from 'rxjs';

export const BROWSER_COOKIE = 'cabildo.b';
export const SKIP_CSRF_KEY = 'cabildo:skip-csrf';
/** A route whose multipart body is checked for its token once parsed (see MultipartForm). */
export const MULTIPART_CSRF_KEY = 'cabildo:multipart-csrf';
/** The provider of the csrf-csrf utilities (common.module.ts). */
export const CSRF = Symbol('CSRF');

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
    // In the body (every form, multipart ones too: see MultipartForm) or a header; never in the
    // URL, where it would reach the browser's history and the logs.
    getCsrfTokenFromRequest: (req) => {
      const fromBody = (req.body as Record<string, unknown> | undefined)?._csrf;
      if (typeof fromBody === 'string') return fromBody;
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

const isMultipart = (req: Request) => /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '');

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
    // A multipart body is not parsed yet (multer runs after the guards): the route checks its
    // token as soon as it is (MultipartForm, or the handler itself). Any other multipart POST
    // has no token to show here, and is refused.
    if (isMultipart(req) && this.reflector.get<boolean>(MULTIPART_CSRF_KEY, ctx.getHandler())) return true;
    if (!this.csrf.validateRequest(req)) throw new CsrfRejectedException('csrf');
    return true;
  }
}

/** Checks the token of a multipart form once multer has parsed its body, before the handler runs. */
@Injectable()
export class MultipartCsrfInterceptor implements NestInterceptor {
  constructor(@Inject(CSRF) private readonly csrf: DoubleCsrfUtilities) {}
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    assertCsrf(this.csrf, ctx.switchToHttp().getRequest<Request>());
    return next.handle();
  }
}

export function assertCsrf(csrf: DoubleCsrfUtilities, req: Request): void {
  if (!csrf.validateRequest(req)) throw new CsrfRejectedException('csrf');
}

/**
 * A route that takes a multipart form: its file interceptor (multer), then the CSRF check of
 * the token the form carries in its body (the guard cannot read it: the body is not parsed yet).
 * Use instead of @UseInterceptors(FileInterceptor(...)).
 */
export function MultipartForm(files: Type<NestInterceptor>) {
  return applyDecorators(SetMetadata(MULTIPART_CSRF_KEY, true), UseInterceptors(files, MultipartCsrfInterceptor));
}

/** A multipart route that parses its body itself, and calls assertCsrf right after. */
export const CsrfCheckedInHandler = () => SetMetadata(MULTIPART_CSRF_KEY, true);
