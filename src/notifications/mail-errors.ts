/**
 * What a mail server's error means, in the staff's language: nodemailer's and the server's own
 * texts are English ("connect ECONNREFUSED", "Invalid login: 535 5.7.8"). The screen shows the
 * meaning first, the technical text after it for whoever fixes the server.
 */
const KINDS: [RegExp, string][] = [
  [/EAUTH|Invalid login|authenticat|\b535\b|\b534\b/i, 'auth'],
  [/ENOTFOUND|EDNS|getaddrinfo|EAI_AGAIN/i, 'dns'],
  [/certificate|self[- ]signed|\bTLS\b|\bSSL\b|wrong version number/i, 'tls'],
  [/ETIMEDOUT|timed? ?out|Greeting never received/i, 'timeout'],
  [/ECONNREFUSED|ECONNRESET|ECONNECTION|ESOCKET|connect|socket/i, 'connection'],
  [/EENVELOPE|recipient|mailbox unavailable|User unknown|\b55[0-4]\b/i, 'rejected'],
  [/EMESSAGE|message size|too large|\b552\b/i, 'message'],
];

/** The i18n key (outbox.error.*) for a stored delivery error, or null when there is none. */
export function mailErrorKey(raw: string | null | undefined): string | null {
  if (!raw) return null;
  return `outbox.error.${KINDS.find(([re]) => re.test(raw))?.[1] ?? 'other'}`;
}
