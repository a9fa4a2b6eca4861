import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ThrottlerException } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { ThrottleRepository } from '../common/throttle.repository';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutboxService } from '../notifications/outbox.service';
import { UsersRepository } from './users.repository';

const HOUR_MS = 3600_000;

/** One sign-in attempt's share of the limits, taken before the password is checked. */
export interface LoginAttempt {
  email: string;
  address: { key: string; limit: number };
  account: { key: string; limit: number };
  /** The account's failures in its window, this attempt included. */
  hits: number;
  resetsAt: Date;
}

/** The counter of one account's failed sign-ins (also cleared by an administrator's reset). */
export function accountLoginKey(email: string): string {
  return `login-account:${email.trim().toLowerCase()}`;
}

/** The counter of one address's failed sign-ins, whatever the accounts. */
function addressLoginKey(ip: string): string {
  return `login-ip:${ip}`;
}

/**
 * Password spraying (issue 15 M7). Besides the per address-and-account limit of the login form
 * (@nestjs/throttler), an address has a budget of failures per hour across all accounts, and an
 * account a budget of failures per hour across all addresses. When an account's budget runs
 * out, its owner is told by email through the outbox, once per window; the account then waits
 * for the window to pass, or for an administrator's reset.
 */
@Injectable()
export class LoginLimits {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly throttle: ThrottleRepository,
    private readonly outbox: OutboxService,
    private readonly users: UsersRepository,
  ) {}

  /**
   * Before the password is checked (and argon2 spends its work): one attempt is taken from the
   * address's and the account's budgets, atomically (so a burst of concurrent guesses cannot
   * overshoot), or the attempt is refused with 429. A successful sign-in gives them back.
   */
  async beforeAttempt(ip: string, email: string): Promise<LoginAttempt> {
    const address = { key: addressLoginKey(ip), limit: this.config.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR };
    const account = { key: accountLoginKey(email), limit: this.config.LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR };
    if (!(await this.throttle.take(address.key, address.limit, HOUR_MS)).allowed) throw new ThrottlerException();
    const taken = await this.throttle.take(account.key, account.limit, HOUR_MS);
    if (!taken.allowed) {
      await this.throttle.giveBack(address.key, address.limit);
      throw new ThrottlerException();
    }
    return { email, address, account, hits: taken.hits, resetsAt: taken.resetsAt };
  }

  /** The password was right: the attempt does not count against anyone. */
  async succeeded(attempt: LoginAttempt): Promise<void> {
    await this.throttle.giveBack(attempt.address.key, attempt.address.limit);
    await this.throttle.giveBack(attempt.account.key, attempt.account.limit);
  }

  /** The password was wrong: it stays counted; the failure that uses up the account's budget tells its owner, once per window. */
  async failed(attempt: LoginAttempt): Promise<void> {
    if (attempt.hits !== attempt.account.limit) return;
    const owner = await this.users.findByEmail(attempt.email.trim());
    if (!owner || !(await this.throttle.spendOnce(`login-notice:${owner.id}:${attempt.resetsAt.getTime()}`, attempt.resetsAt))) return;
    const limit = attempt.account.limit;
    await this.outbox.enqueueEmail(this.dataSource.manager, {
      to: owner.email,
      subject: `Cabildo: ${limit} intentos fallidos de entrar a su cuenta`,
      text: [
        `${owner.name}:`,
        '',
        `En la última hora hubo ${limit} intentos fallidos de entrar a su cuenta de Cabildo (${owner.email}), desde una o varias direcciones.`,
        `Por seguridad, su cuenta no acepta más intentos hasta ${attempt.resetsAt.toLocaleString('es-MX', { timeZone: this.config.TIMEZONE, dateStyle: 'long', timeStyle: 'short' })}.`,
        '',
        'Si no fue usted, avise al administrador de Cabildo: puede restablecer su contraseña y cerrar todas sus sesiones.',
        'Si fue usted, espere a esa hora o pida al administrador que restablezca su contraseña.',
      ].join('\n'),
    }, `user:${owner.email}`);
  }
}
