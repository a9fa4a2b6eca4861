import type { Request } from 'express';

/** Who is acting, taken from the request once in the controller and passed down. */
export interface Actor {
  userId: number | null;
  label: string;
  ip: string | null;
  role?: string;
  departmentId?: number | null;
}

export const SYSTEM_ACTOR: Actor = { userId: null, label: 'sistema', ip: null };

export function actorFrom(req: Request): Actor {
  const user = req.user as { id: number; email: string; role: string; departmentId: number | null } | undefined;
  return user
    ? { userId: user.id, label: user.email, ip: req.ip ?? null, role: user.role, departmentId: user.departmentId }
    : { userId: null, label: 'público', ip: req.ip ?? null };
}
