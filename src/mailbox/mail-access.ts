/**
 * Who reads which message of the shared mailbox. The office shares it, but a message filed
 * into a case (turned into one, attached to one, or a citizen's answer threaded into one)
 * follows the case's access: citizen attention and the administrator, never the press
 * office, which has no access to cases. Pure.
 */
export type MailScope = 'all' | 'outside_cases';

export function mailScopeFor(role: string | undefined): MailScope {
  return role === 'attention' || role === 'admin' ? 'all' : 'outside_cases';
}

export function mayReadMail(role: string | undefined, msg: { caseFolio: string | null; kind: string }): boolean {
  return mailScopeFor(role) === 'all' || (msg.caseFolio === null && msg.kind !== 'case_reply');
}
