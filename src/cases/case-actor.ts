import type { Request } from 'express';
import { Actor, actorFrom } from '../audit/audit-actor';
import type { Role } from '../auth/roles';
import type { SessionUser } from '../auth/users.service';
import { localDate } from '../common/local-time';

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

/** The civil date (YYYY-MM-DD) of an instant in the town hall's time zone (the one clock: common/local-time). */
export function localDay(at: Date, timezone: string): string {
  return localDate(at, timezone);
}
