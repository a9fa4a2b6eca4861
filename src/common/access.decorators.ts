import { SetMetadata } from '@nestjs/common';
import type { Role } from '../auth/roles';
import { SKIP_CSRF_KEY } from './csrf';

export const PUBLIC_KEY = 'cabildo:public';
export const ROLES_KEY = 'cabildo:roles';

/** Anyone may reach this route, without signing in. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** Only signed-in staff with one of these roles may reach this route. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Any signed-in staff member, whatever the role (their own account pages). */
export const AnyStaff = () => SetMetadata(ROLES_KEY, ['admin', 'attention', 'liaison', 'press', 'director']);

export const PASSWORD_CHANGE_KEY = 'cabildo:password-change';

/**
 * Reachable by someone who must change the password first (the change-password page itself):
 * every other staff route sends them there until it is done.
 */
export const OpenWhilePasswordMustChange = () => SetMetadata(PASSWORD_CHANGE_KEY, true);

/** Not an HTML form (an API authenticated by its own key): the CSRF guard lets it through. */
export const SkipCsrf = () => SetMetadata(SKIP_CSRF_KEY, true);
