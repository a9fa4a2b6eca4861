import type { Request } from 'express';
import { Actor, actorFrom } from '../audit/audit-actor';
import type { Role } from '../auth/roles';
import type { SessionUser } from '../auth/users.service';

/** Who acts on a case: a staff member (with name, role and department) or the citizen. */
export interface CaseActor {
  audit: Actor;
  userId: number | null;
  name: string;
  role: Role | 'citizen';
  departmentId: number | null;
}

export const CITIZEN_LABEL = 'Ciudadano(a)';

export function caseActorFrom(req: Request): CaseActor {
  const user = req.user as SessionUser | undefined;
  if (!user) return { audit: actorFrom(req), userId: null, name: CITIZEN_LABEL, role: 'citizen', departmentId: null };
  return { audit: actorFrom(req), userId: user.id, name: user.name, role: user.role, departmentId: user.departmentId };
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** The civil date (YYYY-MM-DD) of an instant in the town hall's time zone. */
export function localDay(at: Date, timezone: string): string {
  // One formatter per time zone: building an Intl.DateTimeFormat costs more than formatting with it.
  let f = dayFormats.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dayFormats.set(timezone, f);
  }
  return f.format(at);
}
