import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { ThrottleRepository } from '../common/throttle.repository';
import { APP_CONFIG, AppConfig } from '../config/config';

// altcha-lib's v1 API (the classic SHA-256 challenge) in its CommonJS build; typed by hand
// because this project's module resolution cannot see its package "exports".
// eslint-disable-next-line @typescript-eslint/no-require-imports
const altcha = require('altcha-lib/v1') as {
  createChallenge(o: { hmacKey: string; maxNumber: number; expires: Date }): Promise<{ algorithm: string; challenge: string; salt: string; signature: string; maxnumber?: number }>;
  verifySolution(payload: string, hmacKey: string, checkExpires?: boolean): Promise<boolean>;
};

/** What the form needs to show the proof of work (solved by public/js/pow.js) and its no-JS fallback question. */
export interface FormChallenge {
  pow: { algorithm: string; challenge: string; salt: string; signature: string; maxnumber: number };
  question: { a: number; b: number; token: string };
}

const CHALLENGE_TTL_MS = 30 * 60_000;
const HOUR_MS = 3600_000;

/** How a filing proved it is no script: the proof of work, or the no-JavaScript question. */
export type Proof = 'pow' | 'question';

/** The filing limits taken for one filing, to give back if it is not filed after all. */
export interface FilingSlot {
  taken: { key: string; limit: number }[];
}

/**
 * Spam without third parties: a honeypot field, a per-address limit, and a proof of work
 * (ALTCHA, solved in the browser with no network) or, with JavaScript off, a small
 * arithmetic question signed by the server. Each solution is accepted once.
 *
 * The question's answer is on the page (a person must be able to read it), so a script answers
 * it for the price of one GET, where the proof of work costs real computation: filings that
 * took the question count against a much smaller allowance, per address and across all
 * addresses (FILINGS_WITHOUT_POW_PER_HOUR, FILINGS_WITHOUT_POW_PER_HOUR_TOTAL), so that it is
 * never the cheaper way in. Every limit is taken atomically before the filing.
 */
@Injectable()
export class SpamGuard {
  private readonly key: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly throttle: ThrottleRepository,
  ) {
    this.key = createHmac('sha256', config.sessionSecret).update('cabildo-spam-guard').digest('hex');
  }

  async challenge(): Promise<FormChallenge> {
    const expires = new Date(this.clock.now().getTime() + CHALLENGE_TTL_MS);
    const maxNumber = this.config.SPAM_POW_MAX_NUMBER;
    const c = await altcha.createChallenge({ hmacKey: this.key, maxNumber, expires });
    const a = randomInt(2, 10);
    const b = randomInt(1, 10);
    const exp = expires.getTime();
    return {
      pow: { algorithm: c.algorithm, challenge: c.challenge, salt: c.salt, signature: c.signature, maxnumber: c.maxnumber ?? maxNumber },
      question: { a, b, token: `${a}.${b}.${exp}.${this.sign(`${a}+${b}|${exp}`)}` },
    };
  }

  private sign(text: string): string {
    return createHmac('sha256', this.key).update(text).digest('base64url');
  }

  /** A solution is good once, on every instance (the spent ones are kept in the database until they expire). */
  private once(id: string, expiresAt: number): Promise<boolean> {
    return this.throttle.spendOnce(id, new Date(expiresAt));
  }

  /** Which proof was given, when the proof of work or the fallback answer is right (and not used before); null otherwise. */
  async passed(input: { altcha?: unknown; challengeToken?: unknown; challengeAnswer?: unknown }): Promise<Proof | null> {
    if (typeof input.altcha === 'string' && input.altcha.length > 0 && input.altcha.length < 2000) {
      // altcha-lib checks expiry against the real time, so the token's own expiry is checked with our clock too.
      let payload: { signature?: string; salt?: string } = {};
      try {
        payload = JSON.parse(Buffer.from(input.altcha, 'base64').toString('utf8'));
      } catch {
        return null;
      }
      const exp = Number(/expires=(\d+)/.exec(payload.salt ?? '')?.[1] ?? 0) * 1000;
      if (exp < this.clock.now().getTime()) return null;
      if (!(await altcha.verifySolution(input.altcha, this.key, false))) return null;
      return (await this.once(`pow:${payload.signature}`, exp)) ? 'pow' : null;
    }
    if (typeof input.challengeToken === 'string' && typeof input.challengeAnswer === 'string') {
      const [a, b, exp, sig] = input.challengeToken.split('.');
      if (!a || !b || !exp || !sig) return null;
      const expected = Buffer.from(this.sign(`${a}+${b}|${exp}`));
      const given = Buffer.from(sig);
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
      if (Number(exp) < this.clock.now().getTime()) return null;
      if (input.challengeAnswer.trim() !== String(Number(a) + Number(b))) return null;
      return (await this.once(`q:${sig}`, Number(exp))) ? 'question' : null;
    }
    return null;
  }

  /**
   * Take the filing limits for one filing from `ip` (counted in the database, atomically: the
   * same on every instance, however many arrive at once). When a limit is reached nothing stays
   * taken, and `limitedBy` says which, for the message.
   */
  async takeFilingSlot(ip: string, proof: Proof): Promise<{ slot: FilingSlot } | { limitedBy: Proof }> {
    const limits = [{ key: `file:${ip}`, limit: this.config.FILINGS_PER_HOUR }];
    if (proof === 'question') {
      limits.push({ key: `file-q:${ip}`, limit: this.config.FILINGS_WITHOUT_POW_PER_HOUR }, { key: 'file-q:*', limit: this.config.FILINGS_WITHOUT_POW_PER_HOUR_TOTAL });
    }
    const slot: FilingSlot = { taken: [] };
    for (const l of limits) {
      if (!(await this.throttle.take(l.key, l.limit, HOUR_MS)).allowed) {
        await this.giveBackFilingSlot(slot);
        return { limitedBy: l.key.startsWith('file-q:') ? 'question' : 'pow' };
      }
      slot.taken.push(l);
    }
    return { slot };
  }

  /** The filing did not happen after all (it failed on saving): its limits are given back. */
  async giveBackFilingSlot(slot: FilingSlot): Promise<void> {
    for (const l of slot.taken) await this.throttle.giveBack(l.key, l.limit);
  }

  /** Tracking look-ups per address per 10 minutes (each counted, right or wrong). */
  mayTrack(ip: string): Promise<boolean> {
    return this.throttle.allow(`track:${ip}`, this.config.TRACKING_ATTEMPTS_PER_10_MIN, 600_000);
  }
}
