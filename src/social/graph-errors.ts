/**
 * What a Graph API error means for a post: try again later, or give up and tell someone.
 * Codes from Meta's documented error responses. Pure.
 */
export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
}

/** Throttling: application (4), user (17), page (32), action (613), page/business use case (80001). */
const RATE_LIMIT = [4, 17, 32, 613, 80001];
/** Temporary trouble on Meta's side. */
const TRANSIENT = [1, 2];
/** The access token expired, was revoked or is invalid. */
const AUTH = [190, 102];

export type GraphErrorKind = 'auth' | 'rate_limit' | 'transient' | 'rejected';

export function classifyGraphError(httpStatus: number, error: GraphError | undefined): GraphErrorKind {
  const code = error?.code;
  if (code != null && AUTH.includes(code)) return 'auth';
  if (code != null && RATE_LIMIT.includes(code)) return 'rate_limit';
  if (code != null && TRANSIENT.includes(code)) return 'transient';
  if (httpStatus === 429 || httpStatus >= 500 || httpStatus === 0) return 'transient';
  return 'rejected';
}

/** Whether the outbox should try again: rate limits and transient trouble yes; a bad token or a refused post no. */
export function retryable(kind: GraphErrorKind): boolean {
  return kind === 'rate_limit' || kind === 'transient';
}

export function describeGraphError(httpStatus: number, error: GraphError | undefined): string {
  const kind = classifyGraphError(httpStatus, error);
  const what = {
    auth: 'El token de la página venció o no es válido: renuévalo (FACEBOOK_PAGE_TOKEN)',
    rate_limit: 'Facebook limitó las publicaciones por ahora; se reintentará',
    transient: 'Facebook no respondió bien; se reintentará',
    rejected: 'Facebook rechazó la publicación',
  }[kind];
  const detail = [error?.code != null ? `código ${error.code}${error.error_subcode ? `/${error.error_subcode}` : ''}` : `HTTP ${httpStatus}`, error?.message].filter(Boolean).join(': ');
  return `${what} (${detail})`;
}
