import { Body, Controller, Get, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { Throttle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import { AnyStaff, OpenWhilePasswordMustChange, Public } from '../common/access.decorators';
import { flash } from '../common/flash';
import { parseForm } from '../common/forms';
import { orFieldError, render, renderInvalid } from '../common/render';
import { ChangePasswordDto } from './dto/user.dto';
import { LoginGuard, LoginThrottlerGuard } from './guards';
import type { SessionUser } from './users.service';
import { UsersService } from './users.service';

/** Only same-site paths are followed after login, never another host. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && /^\/(?!\/)[^\s\\]*$/.test(next) && !next.startsWith('/login') ? next : '/panel';
}

@Controller()
export class AuthController {
  constructor(private readonly users: UsersService) {}

  @Get('login')
  @Public()
  loginForm(@Query('next') next: string | undefined, @Req() req: Request, @Res() res: Response) {
    if (req.user) return res.redirect(303, safeNext(next));
    render(res, 'auth/login', { title: 'auth.login.title', next: safeNext(next), values: {} });
  }

  @Post('login')
  @Public()
  @UseGuards(LoginThrottlerGuard, LoginGuard)
  @Throttle({ default: { limit: Number(process.env.LOGIN_ATTEMPTS_PER_MINUTE ?? 5), ttl: 60_000 } })
  login(@Body() body: { email?: string; next?: string }, @Req() req: Request, @Res() res: Response) {
    const user = req.user as SessionUser | undefined;
    if (!user) {
      const missing = !body?.email || !(body as { password?: string }).password;
      return render(res, 'auth/login', { title: 'auth.login.title', error: missing ? 'auth.login.missing' : 'auth.login.failed', next: safeNext(body?.next), values: { email: typeof body?.email === 'string' ? body.email : '' } }, 422);
    }
    if (user.mustChangePassword) {
      flash(req, 'info', 'auth.password.must_change');
      return res.redirect(303, '/cuenta/contrasena');
    }
    res.redirect(303, safeNext(body?.next));
  }

  @Post('logout')
  @Public()
  logout(@Req() req: Request, @Res() res: Response) {
    const user = req.user as SessionUser | undefined;
    const done = () => req.session.destroy(() => {
      res.clearCookie('cabildo.sid');
      res.redirect(303, '/login?salida=1');
    });
    if (!user) return done();
    req.logout((err) => (err ? res.redirect(303, '/') : done()));
  }

  @Get('panel')
  @AnyStaff()
  panel(@Req() req: Request, @Res() res: Response) {
    render(res, 'auth/panel', { title: 'panel.title' });
  }

  @Get('cuenta/contrasena')
  @AnyStaff()
  @OpenWhilePasswordMustChange()
  passwordForm(@Res() res: Response) {
    render(res, 'auth/password', { title: 'auth.password.title', values: {}, errors: {} });
  }

  @Post('cuenta/contrasena')
  @AnyStaff()
  @OpenWhilePasswordMustChange()
  async changePassword(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const model = { title: 'auth.password.title' };
    const form = await parseForm(ChangePasswordDto, body);
    // Passwords are never sent back to the browser.
    if (!form.ok) return renderInvalid(res, 'auth/password', model, {}, form.errors);
    const user = req.user as SessionUser;
    const result = await orFieldError(() => this.users.changeOwnPassword(user.id, form.value.current, form.value.password, form.value.confirm, actorFrom(req), req.sessionID));
    if (!result.ok) return renderInvalid(res, 'auth/password', model, {}, result.errors);
    flash(req, 'success', 'auth.password.changed');
    res.redirect(303, '/panel');
  }
}
