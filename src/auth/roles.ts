/** The roles of Cabildo's staff. A user has exactly one. */
export const ROLES = ['admin', 'attention', 'liaison', 'press', 'director'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrador',
  attention: 'Atención ciudadana',
  liaison: 'Enlace de dependencia',
  press: 'Comunicación social',
  director: 'Dirección',
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
