import { Injectable } from '@nestjs/common';
import { PassportSerializer, PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import passport from 'passport';
import { Strategy } from 'passport-local';
import { SessionUser, UsersService } from './users.service';

@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy) {
  constructor(private readonly users: UsersService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }
  async validate(req: Request, email: string, password: string): Promise<SessionUser | false> {
    return (await this.users.verifyLogin(email, password, req.ip ?? null)) ?? false;
  }
}

/** The session keeps only the user's id; each request reloads the user, so a deactivated account is out at once. */
@Injectable()
export class SessionSerializer extends PassportSerializer {
  private readonly users: UsersService;
  constructor(users: UsersService) {
    // Passport is one object for the whole process: an app started later (a second instance in
    // a test, a restarted app) must replace the serializers of one already closed, not queue behind them.
    const shared = passport as unknown as { _serializers: unknown[]; _deserializers: unknown[] };
    shared._serializers = [];
    shared._deserializers = [];
    super();
    this.users = users;
  }
  serializeUser(user: SessionUser, done: (err: unknown, id?: number) => void) {
    done(null, user.id);
  }
  deserializeUser(id: number, done: (err: unknown, user?: SessionUser | false) => void) {
    this.users.sessionUser(id).then((u) => done(null, u ?? false), done);
  }
}
