import type { Role } from '../auth/roles';

/**
 * Who reads an outgoing message on /correo/saliente: the people whose work it is. The kind of
 * work is the first part of the entry's reference ("case:42", "release:7:delivery:3"). A
 * citizen's receipt or reply (case), and the staff digest that lists cases, belong to citizen
 * attention; releases, invitations, coverage notices, social posts and transparency reminders
 * to the press office. The administrator reads everything; an entry of no known kind only them.
 * Pure.
 */
const WORK: Record<string, Role[]> = {
  case: ['attention'],
  digest: ['attention'],
  release: ['press'],
  invitation: ['press'],
  coverage: ['press'],
  social: ['press'],
  transparency_obligation: ['press'],
};

/** The reference prefixes a role reads, or null for all of them (the administrator). */
export function outboxPrefixesFor(role: string | undefined): string[] | null {
  if (role === 'admin') return null;
  return Object.entries(WORK)
    .filter(([, roles]) => roles.includes(role as Role))
    .map(([prefix]) => prefix);
}

export function mayReadOutboxEntry(role: string | undefined, reference: string | null): boolean {
  const prefixes = outboxPrefixesFor(role);
  if (prefixes === null) return true;
  return !!reference && prefixes.includes(reference.split(':')[0]);
}
