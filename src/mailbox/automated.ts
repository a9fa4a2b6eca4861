/**
 * Whether an incoming email was written by a machine: an out-of-office answer, a bounce or
 * delivery status notification, a mailing list. Such messages never create a case, never
 * thread into one and are never answered (that is how mail loops start). Pure.
 */
export type AutomatedKind = 'auto_reply' | 'bounce' | 'bulk';

/** Header names in lower case; a value may be a string or a list (repeated header). */
export type HeaderMap = Record<string, string | string[] | undefined>;

const first = (h: HeaderMap, name: string): string => {
  const v = h[name];
  return (Array.isArray(v) ? v.join(' ') : (v ?? '')).trim().toLowerCase();
};

const BOUNCE_SENDERS = /^(mailer-daemon|postmaster|mail-daemon|mail delivery (subsystem|system))\b|^mailer-daemon@|^postmaster@/i;
const BOUNCE_SUBJECTS = /^(undeliver(ed|able)|delivery status notification|mail delivery failed|returned mail|failure notice|no se pudo entregar|notificación de estado de entrega)/i;
const AUTO_SUBJECTS = /^(auto(matic)?[ -]?(reply|response|respuesta)|respuesta autom[aá]tica|out of (the )?office|fuera de la oficina)\b/i;

export function classifyAutomated(input: { headers: HeaderMap; from?: string | null; subject?: string | null; contentType?: string | null }): AutomatedKind | null {
  const h = input.headers;
  const contentType = (input.contentType ?? first(h, 'content-type')).toLowerCase();
  const from = (input.from ?? '').trim();
  const subject = (input.subject ?? '').trim();
  const returnPath = first(h, 'return-path');

  // Delivery status notifications (RFC 3464) and the daemons that send them.
  if (/multipart\/report/.test(contentType) && /report-type\s*=\s*"?(delivery-status|disposition-notification)/.test(contentType)) return 'bounce';
  if (BOUNCE_SENDERS.test(from) || /mailer-daemon@/i.test(from)) return 'bounce';
  if (returnPath === '<>') return 'bounce';
  if (first(h, 'x-failed-recipients')) return 'bounce';
  if (BOUNCE_SUBJECTS.test(subject) && /mailer-daemon|postmaster/i.test(from + returnPath)) return 'bounce';

  // RFC 3834: anything but "no" means a machine wrote it.
  const autoSubmitted = first(h, 'auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto_reply';
  if (first(h, 'x-autoreply') || first(h, 'x-autorespond') || first(h, 'x-auto-response-suppress').match(/\b(all|oof|autoreply)\b/)) return 'auto_reply';
  const precedence = first(h, 'precedence');
  if (precedence === 'auto_reply') return 'auto_reply';
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return 'bulk';
  if (first(h, 'list-id') || first(h, 'list-unsubscribe')) return 'bulk';
  if (AUTO_SUBJECTS.test(subject)) return 'auto_reply';
  return null;
}
