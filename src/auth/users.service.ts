import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { ThrottleRepository } from '../common/throttle.repository';
import { accountLoginKey } from './login-limits';
import { FieldError } from '../common/forms';
import { NewUserFormDto, UserFormDto } from './dto/user.dto';
import { oneTimePassword, passwordProblem } from './password-policy';
import { User } from './user.entity';
import { UsersRepository } from './users.repository';

/** What the rest of the app knows of a signed-in person (never the password hash). */
export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: User['role'];
  departmentId: number | null;
  mustChangePassword: boolean;
}

export function toSessionUser(u: User): SessionUser {
  return { id: u.id, email: u.email, name: u.name, role: u.role, departmentId: u.departmentId, mustChangePassword: u.mustChangePassword };
}

// A hash to verify against when the email is unknown, so that timing does not tell which emails exist.
let dummyHash: Promise<string> | undefined;

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly throttle: ThrottleRepository,
  ) {}

  hashPassword(password: string): Promise<string> {
    return argon2.hash(password, { type: argon2.argon2id });
  }

  /** The user, if the email and password match an active account. Records the attempt either way. */
  async verifyLogin(email: string, password: string, ip: string | null): Promise<SessionUser | null> {
    const user = await this.users.findByEmail(email.trim());
    const hash = user?.passwordHash ?? (await (dummyHash ??= argon2.hash('cabildo-dummy-password-1')));
    const ok = (await argon2.verify(hash, password).catch(() => false)) && !!user && user.active;
    if (!ok || !user) {
      await this.audit.record({ userId: user?.id ?? null, label: email.trim().toLowerCase().slice(0, 254) || '(vacío)', ip }, { action: 'login_failed', entityType: 'user', entityId: user?.id ?? null, details: { reason: !user ? 'unknown_email' : !user.active ? 'inactive' : 'bad_password' } });
      return null;
    }
    await this.users.touchLogin(user.id, this.clock.now());
    await this.audit.record({ userId: user.id, label: user.email, ip }, { action: 'login', entityType: 'user', entityId: user.id });
    return toSessionUser(user);
  }

  sessionUser(id: number): Promise<SessionUser | null> {
    return this.users.sessionUser(id);
  }

  count(manager?: EntityManager): Promise<number> {
    return this.users.count(manager);
  }

  list() {
    return this.users.list();
  }

  listActive(filter?: { role?: User['role']; departmentId?: number }) {
    return this.users.listActive(filter);
  }

  departmentOptions() {
    return this.users.departmentOptions();
  }

  async get(id: number): Promise<User> {
    const u = await this.users.findById(id);
    if (!u) throw new NotFoundException();
    return u;
  }

  private async checkUnique(email: string, exceptId: number | null, manager: EntityManager) {
    const other = await this.users.findByEmail(email, manager);
    if (other && other.id !== exceptId) throw new FieldError('email', 'validation.email_taken');
  }

  private async checkDepartment(dto: UserFormDto, manager: EntityManager) {
    if (dto.departmentId && !(await this.users.departmentExists(dto.departmentId, manager))) throw new FieldError('departmentId', 'validation.unknown_department');
  }

  /** A new account; its password is temporary (must be changed at first sign-in) when someone other than the system sets it, or when asked. */
  async create(dto: NewUserFormDto, actor: Actor, manager?: EntityManager, options: { mustChangePassword?: boolean } = {}): Promise<User> {
    const problem = passwordProblem(dto.password, dto.email);
    if (problem) throw new FieldError('password', problem);
    const passwordHash = await this.hashPassword(dto.password);
    const run = async (m: EntityManager) => {
      await this.checkUnique(dto.email, null, m);
      await this.checkDepartment(dto, m);
      const user = await this.users.save(
        this.users.create({ email: dto.email, name: dto.name, role: dto.role, departmentId: dto.departmentId ?? null, active: dto.active, passwordHash, mustChangePassword: options.mustChangePassword ?? actor.userId !== null }, m),
        m,
      );
      await this.audit.record(actor, { action: 'user.create', entityType: 'user', entityId: user.id, details: { email: user.email, role: user.role, departmentId: user.departmentId } }, m);
      return user;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async update(id: number, dto: UserFormDto, actor: Actor): Promise<User> {
    return this.dataSource.transaction(async (m) => {
      const user = await this.users.findById(id, m);
      if (!user) throw new NotFoundException();
      await this.checkUnique(dto.email, id, m);
      await this.checkDepartment(dto, m);
      if (actor.userId === id && (!dto.active || dto.role !== 'admin') && user.role === 'admin') {
        throw new FieldError('role', 'validation.cannot_demote_self');
      }
      const before = { email: user.email, name: user.name, role: user.role, departmentId: user.departmentId, active: user.active };
      Object.assign(user, { email: dto.email, name: dto.name, role: dto.role, departmentId: dto.departmentId ?? null, active: dto.active });
      await this.users.save(user, m);
      const after = { email: user.email, name: user.name, role: user.role, departmentId: user.departmentId, active: user.active };
      const changed = Object.fromEntries(Object.keys(after).filter((k) => (before as Record<string, unknown>)[k] !== (after as Record<string, unknown>)[k]).map((k) => [k, { from: (before as Record<string, unknown>)[k], to: (after as Record<string, unknown>)[k] }]));
      await this.audit.record(actor, { action: 'user.update', entityType: 'user', entityId: id, details: { changed } }, m);
      return user;
    });
  }

  /** An administrator sets a temporary password: every session of that user ends, and the next sign-in must change it. */
  async resetPassword(id: number, password: string, actor: Actor, options: { reactivate?: boolean } = {}): Promise<void> {
    const user = await this.get(id);
    const problem = passwordProblem(password, user.email);
    if (problem) throw new FieldError('password', problem);
    const hash = await this.hashPassword(password);
    await this.dataSource.transaction(async (m) => {
      user.passwordHash = hash;
      user.mustChangePassword = true;
      if (options.reactivate) user.active = true;
      await this.users.save(user, m);
      await this.users.endSessions(id, null, m);
      await this.audit.record(actor, { action: 'user.reset_password', entityType: 'user', entityId: id }, m);
    });
    // A locked-out person is let back in at once (password spraying, LoginLimits).
    await this.throttle.clear(accountLoginKey(user.email));
  }

  /** `npm run admin -- create`: an administrator with a one-time password, to be changed at first sign-in. */
  async createAdministrator(email: string, name: string, actor: Actor): Promise<{ user: User; password: string }> {
    const password = oneTimePassword();
    const user = await this.create({ email: email.trim().toLowerCase(), name: name.trim(), role: 'admin', password, active: true } as NewUserFormDto, actor, undefined, { mustChangePassword: true });
    return { user, password };
  }

  /** `npm run admin -- reset`: a locked-out account gets a one-time password, is active again, and every session of it ends. Null if no such account. */
  async resetWithOneTimePassword(email: string, actor: Actor): Promise<{ user: User; password: string } | null> {
    const user = await this.users.findByEmail(email.trim());
    if (!user) return null;
    const password = oneTimePassword();
    await this.resetPassword(user.id, password, actor, { reactivate: true });
    return { user, password };
  }

  /** The person changes their own password: every other session of theirs ends (a thief's included). */
  async changeOwnPassword(id: number, current: string, password: string, confirm: string | undefined, actor: Actor, keepSessionId: string | null = null): Promise<void> {
    const user = await this.get(id);
    if (!(await argon2.verify(user.passwordHash, current).catch(() => false))) throw new FieldError('current', 'auth.password.wrong_current');
    const problem = passwordProblem(password, user.email);
    if (problem) throw new FieldError('password', problem);
    if (confirm !== undefined && confirm !== password) throw new FieldError('confirm', 'auth.password.mismatch');
    const hash = await this.hashPassword(password);
    await this.dataSource.transaction(async (m) => {
      user.passwordHash = hash;
      user.mustChangePassword = false;
      await this.users.save(user, m);
      await this.users.endSessions(id, keepSessionId, m);
      await this.audit.record(actor, { action: 'user.change_password', entityType: 'user', entityId: id }, m);
    });
  }
}
