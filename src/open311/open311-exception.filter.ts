import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Format, Open311Error, Open311ErrorItem, XML_ITEMS } from './open311-format';
import { toXml } from './xml';

/** The answer's format, from the address's extension (.xml or .json); JSON when there is none. */
export function formatOf(req: Request): Format {
  return /\.xml$/i.test(req.path) ? 'xml' : 'json';
}

export function sendOpen311(res: Response, format: Format, root: string, body: unknown, status = 200): void {
  res.status(status).set('Cache-Control', 'no-store');
  if (format === 'xml') res.type('text/xml; charset=utf-8').send(toXml(root, body as never, XML_ITEMS));
  else res.type('application/json; charset=utf-8').send(JSON.stringify(body));
}

/**
 * Errors of the Open311 API as the specification writes them: a list of {code, description}
 * (`<errors><error>…` in XML), 403 for the api_key, 404 for unknown things, 400 for the rest.
 * Never the HTML error pages, never a stack trace.
 */
@Catch()
export class Open311ExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Open311');

  catch(exception: unknown, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    if (res.headersSent) return;
    let status = 500;
    let errors: Open311ErrorItem[];
    if (exception instanceof Open311Error) {
      status = exception.status;
      errors = exception.errors;
    } else if (exception instanceof HttpException) {
      status = exception.getStatus();
      errors = [{ code: status, description: status === 404 ? 'Not found' : status === 403 ? 'Forbidden' : exception.message }];
    } else {
      this.logger.error(`[${req.id}] ${req.method} ${req.originalUrl}: ${(exception as Error)?.stack ?? String(exception)}`);
      errors = [{ code: 500, description: 'Internal error; please try again later.' }];
    }
    sendOpen311(res, formatOf(req), 'errors', errors, status);
  }
}
