import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Agent, fetch as undiciFetch, RequestInit, Response } from 'undici';
import { APP_CONFIG, AppConfig } from '../config/config';
import { checkOutboundUrl, guardedLookup, OutboundPolicy, outboundPolicy, OutboundRefusedError } from './outbound-guard';

export { OutboundRefusedError } from './outbound-guard';

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/**
 * Every request the server makes to a URL goes through here. Each hop (the first URL and
 * every redirect, at most `maxRedirects`) is checked by the guard's rules; connections to a
 * host name go through a lookup that refuses non-public addresses and pins the ones it
 * checked. Hosts an administrator allow-listed use a plain agent.
 */
@Injectable()
export class OutboundHttp implements OnModuleDestroy {
  private readonly logger = new Logger('OutboundHttp');
  readonly policy: OutboundPolicy;
  private readonly guarded = new Agent({ connect: { lookup: guardedLookup as never } });
  private readonly trusted = new Agent();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.policy = outboundPolicy(config.OUTBOUND_ALLOW_HOSTS, config.OUTBOUND_ALLOWED_PORTS);
  }

  /** The guard's verdict on a URL before anything is fetched (forms check it at save time). */
  allowed(url: string): boolean {
    return checkOutboundUrl(url, this.policy).ok;
  }

  async fetch(url: string, init: RequestInit & { maxRedirects?: number } = {}): Promise<Response> {
    const { maxRedirects = 3, ...rest } = init;
    let current = url;
    let options: RequestInit = rest;
    for (let hop = 0; ; hop++) {
      const decision = checkOutboundUrl(current, this.policy);
      if (!decision.ok) {
        this.logger.warn(`refused ${decision.reason}: ${current.slice(0, 200)}`);
        throw new OutboundRefusedError(decision.reason);
      }
      let res: Response;
      try {
        res = await undiciFetch(decision.url, { ...options, redirect: 'manual', dispatcher: decision.allowListed ? this.trusted : this.guarded });
      } catch (e) {
        const cause = (e as { cause?: unknown }).cause;
        if (cause instanceof OutboundRefusedError) {
          this.logger.warn(`refused ${cause.reason} (DNS): ${current.slice(0, 200)}`);
          throw cause;
        }
        throw e;
      }
      const location = res.headers.get('location');
      if (!REDIRECTS.has(res.status) || !location || maxRedirects === 0) return res;
      await res.body?.cancel().catch(() => undefined);
      if (hop >= maxRedirects) throw new OutboundRefusedError('redirects');
      current = new URL(location, decision.url).toString();
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && options.method && options.method !== 'GET' && options.method !== 'HEAD')) {
        options = { ...options, method: 'GET', body: undefined };
      }
    }
  }

  async onModuleDestroy() {
    await Promise.allSettled([this.guarded.close(), this.trusted.close()]);
  }
}
