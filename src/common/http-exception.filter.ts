import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { I18nService } from 'nestjs-i18n';
import { CsrfRejectedException } from './csrf';
import { clientAborted } from './logging';
import { keepDraft, pageOfForm } from './drafts';

/** Errors a person can act on, whatever raised them. */
export class UserFacingError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: string,
  ) {
    super(messageKey);
  }
}

/** A signed-in person who must change the password first: pages go to the form, JSON gets a stable error. */
export class PasswordChangeRequired extends Error {
  static readonly PATH = '/cuenta/contrasena';
  static readonly CODE = 'password_change_required';
}

function isJsonRequest(req: Request): boolean {
  if (req.path.startsWith('/api/') || req.path.startsWith('/health')) return true;
  const accept = req.headers.accept ?? '';
  return accept.includes('application/json') && !accept.includes('text/html');
}

function isClientError(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 500 && typeof (err as { type?: unknown }).type === 'string';
}

function isDatabaseDown(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  return (
    ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', '57P01', '57P02', '57P03', '08006', '08001', '08003'].includes(e.code ?? '') ||
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message ?? '')
  );
}

/**
 * One place that turns every error into an answer: a Spanish page for people, a stable
 * `{statusCode, message, errors?}` body under /api. Never a stack trace.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');
  constructor(private readonly i18n: I18nService) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    if (res.headersSent) return;
    // A client that went away mid-request (an upload cut on a rural link) is not our error:
    // one line, no stack, and nobody left to answer.
    if (clientAborted(req, res) || (exception as Error | null)?.message === 'Request aborted') {
      this.logger.warn(`${req.method} ${req.path}: el cliente cortó la petición antes de terminar de enviarla (${(exception as Error)?.message ?? exception})`);
      return;
    }
    const lang = (res.locals?.lang as string) ?? 'es';
    const t = (key: string) => this.i18n.t(key, { lang }) as string;
    if (exception instanceof PasswordChangeRequired) {
      if (isJsonRequest(req)) res.status(403).json({ statusCode: 403, error: PasswordChangeRequired.CODE, message: t('auth.password.must_change') });
      else res.redirect(303, PasswordChangeRequired.PATH);
      return;
    }

    let status = HttpStatus.INTERNAL_SERVER_ERROR;
    let messageKey = 'errors.500';
    let errors: unknown;
    if (exception instanceof CsrfRejectedException) {
      status = 403;
      messageKey = 'errors.csrf';
    } else if (exception instanceof ThrottlerException) {
      status = 429;
      messageKey = 'errors.429';
    } else if (exception instanceof UserFacingError) {
      status = exception.status;
      messageKey = exception.messageKey;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      const body = exception.getResponse() as { message?: unknown; errors?: unknown } | string;
      messageKey = `errors.${status}`;
      if (typeof body === 'object' && body.errors) errors = body.errors;
      if (typeof body === 'object' && typeof body.message === 'string' && body.message.includes('.')) messageKey = body.message;
    } else if (isClientError(exception)) {
      // Errors of the body parser (too large, malformed, bad charset) carry their own 4xx status.
      status = (exception as { status: number }).status;
      messageKey = `errors.${status}`;
    } else if (isDatabaseDown(exception)) {
      status = 503;
      messageKey = 'errors.503';
    }
    if (status >= 500) {
      this.logger.error(`[${req.id}] ${req.method} ${req.originalUrl}: ${(exception as Error)?.stack ?? String(exception)}`);
    }
    let message = t(messageKey);
    if (message === messageKey) message = t(`errors.${status}`) !== `errors.${status}` ? t(`errors.${status}`) : t('errors.500');

    if (isJsonRequest(req)) {
      res.status(status).json(errors ? { statusCode: status, message, errors } : { statusCode: status, message });
      return;
    }
    if (status === 401) {
      // A form sent after the session ended: its text is kept, and the login leads back to the form's page.
      if (req.method === 'POST') {
        keepDraft(req);
        res.redirect(303, `/login?next=${encodeURIComponent(pageOfForm(req))}`);
        return;
      }
      res.redirect(303, `/login?next=${encodeURIComponent(req.originalUrl)}`);
      return;
    }
    if (status === 429 && req.path === '/login') {
      this.render(res, 429, 'auth/login', { title: t('auth.login.title'), error: message, values: { email: (req.body as { email?: string })?.email ?? '' } });
      return;
    }
    const title = t(`errors.title.${status}`) === `errors.title.${status}` ? t('errors.title.generic') : t(`errors.title.${status}`);
    this.render(res, status, 'errors/error', { title, status, message, requestId: req.id });
  }

  /** Render, and if even the error page cannot be drawn, answer plain text rather than a stack. */
  private render(res: Response, status: number, view: string, model: object): void {
    res.status(status).render(view, model, (err: Error | null, html?: string) => {
      if (err) {
        this.logger.error(`error page ${view} failed: ${err.message}`);
        res.status(status).type('text/plain; charset=utf-8').send('Ocurrió un error. Intenta de nuevo más tarde.');
        return;
      }
      res.send(html);
    });
  }
}
