import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ThrottlerException } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { ThrottleRepository } from '../common/throttle.repository';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutboxService } from '../notifications/outbox.service';
import { UsersRepository } from './users.repository';

const HOUR_MS = 3600_000;

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

  /** Before the password is checked (and argon2 spends its work): refuses with 429 past either limit. */
  async beforeAttempt(ip: string, email: string): Promise<void> {
    if ((await this.throttle.peek(addressLoginKey(ip), HOUR_MS)) >= this.config.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR) throw new ThrottlerException();
    if ((await this.throttle.peek(accountLoginKey(email), HOUR_MS)) >= this.config.LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR) throw new ThrottlerException();
  }

  /** A failed sign-in from `ip` on `email` (counted whether or not such an account exists: only an owner is told). */
  async failed(ip: string, email: string): Promise<void> {
    await this.throttle.take(addressLoginKey(ip), this.config.LOGIN_FAILURES_PER_ADDRESS_PER_HOUR, HOUR_MS);
    const limit = this.config.LOGIN_FAILURES_PER_ACCOUNT_PER_HOUR;
    const r = await this.throttle.take(accountLoginKey(email), limit, HOUR_MS);
    // Exactly one attempt per window brings the count to the limit: that one tells the owner.
    if (r.hits !== limit) return;
    const owner = await this.users.findByEmail(email.trim());
    if (!owner) return;
    await this.outbox.enqueueEmail(this.dataSource.manager, {
      to: owner.email,
      subject: `Cabildo: ${limit} intentos fallidos de entrar a su cuenta`,
      text: [
        `${owner.name}:`,
        '',
        `En la última hora hubo ${limit} intentos fallidos de entrar a su cuenta de Cabildo (${owner.email}), desde una o varias direcciones.`,
        `Por seguridad, su cuenta no acepta más intentos hasta ${r.resetsAt.toLocaleString('es-MX', { timeZone: this.config.TIMEZONE, dateStyle: 'long', timeStyle: 'short' })}.`,
        '',
        'Si no fue usted, avise al administrador de Cabildo: puede restablecer su contraseña y cerrar todas sus sesiones.',
        'Si fue usted, espere a esa hora o pida al administrador que restablezca su contraseña.',
      ].join('\n'),
    }, `user:${owner.email}`);
  }
}
