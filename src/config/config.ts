import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsTimeZone,
  IsUrl,
  Matches,
  Max,
  MaxLength,
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
/** A hop count, or a comma-separated list of addresses, CIDR ranges and proxy-addr's names. */
const TRUST_PROXY_PATTERN = /^(\d{1,2}|((loopback|linklocal|uniquelocal|[0-9a-fA-F.:]+(\/\d{1,3})?)\s*(,\s*|$))+)$/;

/** Express's `trust proxy` from TRUST_PROXY: a hop count, a list of addresses, or false (trust none). */
export function trustProxySetting(value: string | undefined): number | string[] | false {
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

const toNumber = ({ value }: { value: unknown }) => {
  if (value === undefined || value === '') return undefined;
  return /^\d+(\.\d+)?$/.test(String(value).trim()) ? Number(value) : value;
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

  /**
   * Object storage (S3-compatible: MinIO, Garage, SeaweedFS, a cloud bucket). With S3_BUCKET set,
   * every file lives there and UPLOADS_DIR is not used; without it, files stay on local disk.
   */
  @IsOptional() @Transform(emptyToUndefined)
  @IsUrl({ require_tld: false, protocols: ['http', 'https'], require_protocol: true }, { message: 'S3_ENDPOINT debe ser una URL http(s)://host:puerto' })
  S3_ENDPOINT?: string;

  @IsOptional() @Transform(emptyToUndefined)
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'S3_BUCKET debe ser un nombre de bucket válido (3 a 63 minúsculas, cifras, puntos o guiones)' })
  S3_BUCKET?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional() @Transform(emptyToUndefined) @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  @IsOptional() @Transform(emptyToUndefined) @Matches(/^[a-z0-9-]{2,40}$/, { message: 'S3_REGION debe ser una región como us-east-1' })
  S3_REGION = 'us-east-1';

  /** Bucket in the path (http://host/bucket/key) rather than in the host name; on by default when S3_ENDPOINT is set. */
  @IsOptional() @Transform(toBool) @IsBoolean()
  S3_FORCE_PATH_STYLE?: boolean;

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

  /**
   * Filings per address per hour answered with the no-JavaScript arithmetic question instead of
   * the proof of work, and in all across every address: its answer is on the page, so a script
   * reads it for free; this keeps it from being a cheaper way past the proof of work.
   */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0)
  FILINGS_WITHOUT_POW_PER_HOUR = 3;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0)
  FILINGS_WITHOUT_POW_PER_HOUR_TOTAL = 30;

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

  /** Demo data in an empty database: on by default, except with NODE_ENV=production (see loadConfig). */
  @IsOptional() @Transform(toBool) @IsBoolean()
  DEMO_DATA = true;

  /** Defaults to http://localhost:<PORT> (see loadConfig). */
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

  /** Failed sign-ins per address per hour, whatever the accounts (password spraying); an office behind one address still signs in freely. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  LOGIN_FAILURES_PER_ADDRESS_PER_HOUR = 30;

  /** Failed sign-ins per account per hour, from any addresses; past it the account waits, and its owner is told by email. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1)
  LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR = 10;

  /**
   * Which proxies in front of Cabildo are trusted to say the client's address (X-Forwarded-For):
   * a number of hops (1 = one proxy) or addresses and ranges separated by commas ("loopback",
   * "10.0.0.0/8, 192.168.1.5"). Unset: none, the connection's own address counts.
   */
  @IsOptional() @Transform(emptyToUndefined) @IsString()
  @Matches(TRUST_PROXY_PATTERN, { message: 'TRUST_PROXY debe ser un número de saltos (1, 2…) o direcciones y rangos separados por comas (loopback, 10.0.0.0/8, 192.168.1.5)' })
  TRUST_PROXY?: string;

  @IsOptional() @Transform(toInt) @IsInt() @Min(0)
  OUTBOX_POLL_MS = 2000;

  /** Media monitoring: how long one feed may take, how large it may be, how often feeds are polled (0 turns polling off). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(100) @Max(120_000)
  MONITORING_FEED_TIMEOUT_MS = 10_000;

  @IsOptional() @Transform(toInt) @IsInt() @Min(1024) @Max(50_000_000)
  MONITORING_FEED_MAX_BYTES = 2_000_000;

  /** Decimals allowed (0.5 = every 30 seconds). */
  @IsOptional() @Transform(toNumber) @IsNumber() @Min(0) @Max(10_080)
  MONITORING_POLL_MINUTES = 30;

  /**
   * The outbound-request guard: the server fetches URLs (feeds, the Graph API) only from public
   * addresses on ports 80 and 443. OUTBOUND_ALLOW_HOSTS lists hosts an administrator trusts
   * anyway ("host" or "host:port", comma-separated: an intranet feed, a test fake on loopback);
   * OUTBOUND_ALLOWED_PORTS adds ports for every public host.
   */
  @IsOptional() @Transform(emptyToUndefined)
  @Matches(/^\s*(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?(\s*,\s*(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?)*\s*$/, {
    message: 'OUTBOUND_ALLOW_HOSTS debe ser una lista separada por comas de host o host:puerto',
  })
  OUTBOUND_ALLOW_HOSTS?: string;

  @IsOptional() @Transform(emptyToUndefined)
  @Matches(/^\s*\d{1,5}(\s*,\s*\d{1,5})*\s*$/, { message: 'OUTBOUND_ALLOWED_PORTS debe ser una lista de puertos separada por comas' })
  OUTBOUND_ALLOWED_PORTS?: string;

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

  /**
   * The authserv-id(s), comma separated, of our own receiving mail server in its
   * Authentication-Results headers: only its DMARC/DKIM/SPF verdict lets an email with a folio
   * in the subject be threaded into the case as the citizen's. Empty: never by subject alone.
   */
  @IsOptional() @IsString() @MaxLength(500)
  MAIL_AUTHSERV_ID = '';

  @IsOptional() @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** /health/ready answers 503 when the oldest due outbox message has waited longer than this (0: never). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0)
  READY_OUTBOX_MAX_DELAY_MINUTES = 30;

  /** /health/ready answers 503 when the configured mailbox has not been read for this long (0: never). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0)
  READY_MAILBOX_MAX_AGE_MINUTES = 30;

  /** Prometheus: /metrics on the app's port answers only with `Authorization: Bearer <METRICS_TOKEN>`. */
  @IsOptional() @Transform(emptyToUndefined) @IsString() @MinLength(16)
  METRICS_TOKEN?: string;

  /** Prometheus: a separate port for /metrics, without token (0: none), bound to METRICS_HOST. */
  @IsOptional() @Transform(toInt) @IsInt() @Min(0) @Max(65535)
  METRICS_PORT = 0;

  @IsOptional() @IsString()
  METRICS_HOST = '127.0.0.1';

  /** Simultaneous SMTP connections of the mail pool (nodemailer pool: connections are kept and reused). */
  @IsOptional() @Transform(toInt) @IsInt() @Min(1) @Max(20)
  SMTP_MAX_CONNECTIONS = 3;

  /** auto: readable colour on a terminal, JSON lines otherwise (a file, journald); json or pretty to force one. */
  @IsOptional() @IsIn(['auto', 'json', 'pretty'])
  LOG_FORMAT: 'auto' | 'json' | 'pretty' = 'auto';
}

export type AppConfig = EnvironmentVariables & { sessionSecret: string; embedded: boolean };

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'DATABASE_URL', 'DATABASE_SCHEMA', 'SESSION_SECRET', 'SMTP_URL', 'UPLOADS_DIR', 'S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE', 'FACEBOOK_PAGE_ID', 'FACEBOOK_PAGE_TOKEN', 'IMAP_HOST', 'IMAP_USER', 'IMAP_PASSWORD', 'OUTBOUND_ALLOW_HOSTS', 'OUTBOUND_ALLOWED_PORTS', 'TRUST_PROXY', 'METRICS_TOKEN']) {
    if (env[key] !== undefined) raw[key] = env[key];
  }
  const config = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.property}=${JSON.stringify(e.value)}: ${Object.values(e.constraints ?? {}).join('; ')}`);
    throw new ConfigError(`Configuración inválida (revisa estas variables de entorno):\n${lines.join('\n')}`);
  }
  const s3Named = (['S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => config[k] !== undefined);
  if (!config.S3_BUCKET && s3Named.length) {
    throw new ConfigError(`Configuración inválida:\n  S3_BUCKET: falta, y sin ella no se usa el almacenamiento S3 (están definidas ${s3Named.join(', ')})`);
  }
  if (!!config.S3_ACCESS_KEY_ID !== !!config.S3_SECRET_ACCESS_KEY) {
    const missing = config.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID';
    throw new ConfigError(`Configuración inválida:\n  ${missing}: falta (S3_ACCESS_KEY_ID y S3_SECRET_ACCESS_KEY van juntas)`);
  }
  let sessionSecret = config.SESSION_SECRET;
  if (!sessionSecret) {
    if (config.NODE_ENV === 'production') {
      throw new ConfigError('Configuración inválida:\n  SESSION_SECRET: es obligatoria en producción (32 caracteres o más)');
    }
    sessionSecret = 'cabildo-desarrollo-no-usar-en-produccion-0123456789';
  }
  // Defaults that depend on other variables: a production install starts empty unless the demo is
  // asked for, and links point at the port the app listens on.
  const unset = (key: string) => raw[key] === undefined || raw[key] === '';
  if (unset('DEMO_DATA')) config.DEMO_DATA = config.NODE_ENV !== 'production';
  if (unset('PUBLIC_URL')) config.PUBLIC_URL = `http://localhost:${config.PORT}`;
  return Object.assign(config, { sessionSecret, embedded: !config.DATABASE_URL });
}

export const APP_CONFIG = Symbol('APP_CONFIG');
