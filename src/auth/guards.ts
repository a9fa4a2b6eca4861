import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request } from 'express';
import { PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY } from '../common/access.decorators';
import { PasswordChangeRequired } from '../common/http-exception.filter';
import { draftOf, restoreDraft } from '../common/drafts';
import type { Role } from './roles';
import { LoginLimits } from './login-limits';
import type { SessionUser } from './users.service';

/**
 * Every route must say who may reach it: @Public() or @Roles(...). A route that says
 * neither is refused, so forgetting to decide can never open a staff page. Someone who must
 * change the password reaches no staff route but the change itself.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  private readonly logger = new Logger(RolesGuard.name);
  constructor(private readonly reflector: Reflector) {}

  canActivate(ctx: ExecutionContext): boolean {
    const targets = [ctx.getHandler(), ctx.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    const req = ctx.switchToHttp().getRequest<Request>();
    if (!roles) {
      this.logger.error(`Route without @Public or @Roles refused: ${req.method} ${req.path}`);
      throw new ForbiddenException();
    }
    const user = req.user as SessionUser | undefined;
    if (!user) throw new UnauthorizedException();
    if (!roles.includes(user.role)) throw new ForbiddenException();
    // A one-time password (a new account, an administrator's reset) opens nothing but its own change.
    if (user.mustChangePassword && !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_KEY, targets)) throw new PasswordChangeRequired();
    return true;
  }
}

/**
 * passport-local for the login form: a wrong password renders the form again instead of a bare
 * 401. Before the password is checked, the limits against password spraying (LoginLimits);
 * a successful sign-in gives its share back.
 */
@Injectable()
export class LoginGuard extends AuthGuard('local') {
  constructor(private readonly limits: LoginLimits) {
    super();
  }

  override async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<Request>();
    const body = req.body as { email?: unknown; password?: unknown } | undefined;
    if (typeof body?.email !== 'string' || typeof body?.password !== 'string' || !body.email || !body.password) return true;
    const attempt = await this.limits.beforeAttempt(req.ip ?? 'unknown', body.email);
    await super.canActivate(ctx);
    await (req.user ? this.limits.succeeded(attempt) : this.limits.failed(attempt));
    if (req.user) {
      const draft = draftOf(req); // a form's text kept while the session had ended survives the new session
      await super.logIn(req); // passport regenerates the session id here
      restoreDraft(req, draft);
      // The absolute lifetime (SESSION_MAX_HOURS) counts from this sign-in, not from the next request.
      (req.session as unknown as { startedAt?: number }).startedAt = Date.now();
    }
    return true;
  }
  override handleRequest<T>(_err: unknown, user: T): T {
    return user;
  }
}

/** Login attempts are counted per address and account, so one person's typos never lock out the office. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(req: Record<string, any>): Promise<string> {
    const email = typeof req.body?.email === 'string' ? req.body.email.trim().toLowerCase() : '';
    return `${req.ip}|${email}`;
  }
}
