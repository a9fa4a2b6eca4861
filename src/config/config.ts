import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  const v = String(value).trim().toLowerCase();
  if (['1', 'true', 'yes', 'si', 'sí', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value; // left as is so that IsBoolean names the variable
};
const toInt = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  return /^-?\d+$/.test(String(value).trim()) ? Number(value) : value;
};
const emptyToUndefined = ({ value }: { value: unknown }) => (value === '' ? undefined : value);

/**
 * Every environment variable Cabildo reads. README.md has the same table for people.
 * Validated once at start-up: a bad value stops the process naming the variable.
 */
export class EnvironmentVariables {
  @IsOptional() @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  @IsOptional() @IsString()
  HOST = '0.0.0.0';

  @IsOptional() @Transform(emptyToUndefined)
  @Matches(/^postgres(ql)?:\/\/.+/, { message: 'DATABASE_URL debe ser una URL postgres://usuario@host:puerto/base' })
  DATABASE_URL?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(200)
  DATABASE_POOL_SIZE = 10;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^[a-z_][a-z0-9_]*$/)
  DATABASE_SCHEMA?: string;

  @IsOptional() @IsString()
  DATA_DIR = './data';

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  EMBEDDED_DB_PORT = 0;

  /** Uploaded files; defaults to DATA_DIR/uploads. */
  @IsOptional() @Transform(emptyToUndefined) @IsString()
  UPLOADS_DIR?: string;

  /** Public filings allowed per address per hour (the form's rate limit). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  FILINGS_PER_HOUR = 20;

  /**
   * Largest number of the public form's proof of work (ALTCHA maxnumber): at 50 000 about half
   * a second on a cheap phone. Lowering it only makes the browser's work smaller (the server
   * checks one hash either way); the benchmark lowers it because its load generator solves
   * every filing on the same two cores as the server.
   */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(10_000_000)
  SPAM_POW_MAX_NUMBER = 50_000;

  /** Tracking look-ups allowed per address per 10 minutes (guessing folios and codes). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  TRACKING_ATTEMPTS_PER_10_MIN = 20;

  /** Hour of the day (local time) at which departments get their digest of overdue and soon-due cases. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(23)
  DIGEST_HOUR = 7;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(32)
  SESSION_SECRET?: string;

  @IsOptional() @Transform(toBool) @IsBoolean()
  COOKIE_SECURE = false;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  SESSION_IDLE_MINUTES = 120;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  SESSION_MAX_HOURS = 12;

  @IsOptional() @Transform(toBool) @IsBoolean()
  DEMO_DATA = true;

  @IsOptional() @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  PUBLIC_URL = 'http://localhost:3000';

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^smtps?:\/\/.+/, { message: 'SMTP_URL debe ser smtp://usuario:clave@host:puerto' })
  SMTP_URL?: string;

  /** The municipality's Facebook page; without a token, posts wait as "listo para publicar". */
  @IsOptional() @Transform(emptyToUndefined) @Matches(/^\d{3,30}$/, { message: 'FACEBOOK_PAGE_ID debe ser el identificador numérico de la página' })
  FACEBOOK_PAGE_ID?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(10)
  FACEBOOK_PAGE_TOKEN?: string;

  @IsOptional() @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true })
  FACEBOOK_GRAPH_URL = 'https://graph.facebook.com/v19.0';

  @IsOptional() @IsString()
  MAIL_FROM = 'H. Ayuntamiento de Tampacán <atencion@tampacan.gob.mx>';

  @IsOptional() @IsString()
  MUNICIPALITY_NAME = 'Tampacán, San Luis Potosí';

  /** An IANA zone (America/Mexico_City, America/Tijuana, America/Cancun…): every local date and time is read in it. */
  @IsOptional() @IsTimeZone()
  TIMEZONE = 'America/Mexico_City';

  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  LOGIN_ATTEMPTS_PER_MINUTE = 5;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0)
  OUTBOX_POLL_MS = 2000;

  /** Media monitoring: how long one feed may take, how large it may be, how often feeds are polled (0 turns polling off). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(120_000)
  MONITORING_FEED_TIMEOUT_MS = 10_000;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) @Max(50_000_000)
  MONITORING_FEED_MAX_BYTES = 2_000_000;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(10_080)
  MONITORING_POLL_MINUTES = 30;

  /** The official mailbox (IMAP). Without IMAP_HOST the shared inbox says it is not configured. */
  @IsOptional() @Transform(emptyToUndefined) @IsString()
  IMAP_HOST?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(65535)
  IMAP_PORT = 993;

  /** TLS from the start (993). false for a plain connection (143, or loopback in tests). */
  @IsOptional() @Transform(toBool) @IsBoolean()
  IMAP_SECURE = true;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  IMAP_USER?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  IMAP_PASSWORD?: string;

  @IsOptional() @IsString() @MinLength(1)
  IMAP_FOLDER = 'INBOX';

  /** How often the mailbox is read (ms); 0 turns the timer off (tests call the worker themselves). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0)
  IMAP_POLL_MS = 60_000;

  @IsOptional() @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';
}

export type AppConfig = EnvironmentVariables & { sessionSecret: string; embedded: boolean };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'DATABASE_URL', 'DATABASE_SCHEMA', 'SESSION_SECRET', 'SMTP_URL', 'UPLOADS_DIR', 'FACEBOOK_PAGE_ID', 'FACEBOOK_PAGE_TOKEN', 'IMAP_HOST', 'IMAP_USER', 'IMAP_PASSWORD']) {
    if (env[key] !== undefined) raw[key] = env[key];
  }
  const config = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Configuración inválida (revisa estas variables de entorno):\n${lines.join('\n')}`);
  }
  let sessionSecret = config.SESSION_SECRET;
  if (!sessionSecret) {
    if (config.NODE_ENV === 'production') {
      throw new ConfigError('Configuración inválida:\n  SESSION_SECRET: es obligatoria en producción (32 caracteres o más)');
    }
    sessionSecret = 'cabildo-desarrollo-no-usar-en-produccion-0123456789';
  }
  return Object.assign(config, { sessionSecret, embedded: !config.DATABASE_URL });
}

export const APP_CONFIG = Symbol('APP_CONFIG');
