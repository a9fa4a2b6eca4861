import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Params } from 'nestjs-pino';
import pino, { Logger as Pino, LevelWithSilent } from 'pino';
import pinoPretty from 'pino-pretty';
import type { AppConfig } from '../config/config';

const LEVELS: Record<AppConfig['LOG_LEVEL'], LevelWithSilent> = { error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/** Paths whose every hit would drown the access log: static files, probes, the scraper. */
function quiet(url: string | undefined): boolean {
  return !url || url.startsWith('/static/') || url === '/health' || url === '/health/ready' || url === '/metrics' || url === '/favicon.ico';
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?')[0];
}

/** The client went away before the answer was written (a cut upload on a rural link). */
export function clientAborted(req: Pick<IncomingMessage, 'readableAborted' | 'destroyed' | 'complete'>, res?: Pick<ServerResponse, 'destroyed' | 'writableEnded'>): boolean {
  return !!(req.readableAborted || (req.destroyed && !req.complete) || (res && res.destroyed && !res.writableEnded));
}

/**
 * The process's one logger: JSON lines (one object a line, for journald, Loki or any log
 * shipper) unless LOG_FORMAT asks otherwise; readable colour only when stdout is a terminal
 * ("auto"), so a log file never gets ANSI codes.
 */
export function createLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>, stream?: NodeJS.WritableStream): Pino {
  const pretty = config.LOG_FORMAT === 'pretty' || (config.LOG_FORMAT === 'auto' && !stream && !!process.stdout.isTTY);
  const options: pino.LoggerOptions = {
    level: LEVELS[config.LOG_LEVEL],
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    hooks: {
      // Nest's start-up inventory (a line per module and per route, ~330 lines) is debug, not info.
      logMethod(args, method, level) {
        const context = (args[0] as { context?: unknown } | undefined)?.context;
        if (level === 30 && typeof context === 'string' && STARTUP_CONTEXTS.has(context)) {
          if (this.isLevelEnabled('debug')) (this.debug as (...a: unknown[]) => void)(...args);
          return;
        }
        method.apply(this, args);
      },
    },
  };
  if (pretty) {
    return pino(options, pinoPretty({ colorize: !!process.stdout.isTTY, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,context', messageFormat: '{if context}[{context}] {end}{msg}', sync: true }));
  }
  // Synchronous: the last lines before a crash or a process.exit are never lost.
  return pino(options, stream ?? pino.destination({ dest: 1, sync: true }));
}

const STARTUP_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);

let shared: Pino | undefined;

/** The process's logger, made once (main.ts logs with it before the app exists). */
export function processLogger(config: Pick<AppConfig, 'LOG_LEVEL' | 'LOG_FORMAT'>): Pino {
  return (shared ??= createLogger(config));
}

/**
 * nestjs-pino's settings: every line written while a request is served carries its
 * `requestId` (the X-Request-Id of src/common/request-id.ts), and each request leaves one
 * access-log line (method, path, status, time) when it ends.
 */
export function loggerParams(config: AppConfig, logger: Pino = processLogger(config)): Params {
  return {
    pinoHttp: {
      logger,
      quietReqLogger: true,
      customAttributeKeys: { reqId: 'requestId', responseTime: 'ms' },
      autoLogging: { ignore: (req) => quiet(req.url) },
      serializers: {
        // The path without its query: queries carry searches with people's names and form tokens.
        // `ip` is Express's: the client's address behind the proxy, as TRUST_PROXY decides.
        req: (req: { method?: string; url?: string; remoteAddress?: string; raw?: { ip?: string } }) => ({ method: req.method, path: pathOf(req.url), ip: req.raw?.ip ?? req.remoteAddress }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      customLogLevel: (req, res, err) => {
        if (clientAborted(req, res)) return 'info';
        if (res.statusCode >= 500 || err) return 'error';
        return 'info';
      },
      customSuccessMessage: (req, res, ms) => (clientAborted(req, res) ? `${req.method} ${pathOf(req.url)} cortada por el cliente tras ${ms} ms` : `${req.method} ${pathOf(req.url)} ${res.statusCode} ${ms} ms`),
      customErrorMessage: (req, res) => `${req.method} ${pathOf(req.url)} ${res.statusCode}`,
      // The message says it; the error itself (and its stack) is logged once, by the exception filter.
      customErrorObject: (req, res, error, value) => ({ ...value, err: undefined }),
    },
  };
}
