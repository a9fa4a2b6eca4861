import { Inject, Injectable } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { OutboundHttp, OutboundRefusedError } from '../common/outbound-http';
import { APP_CONFIG, AppConfig } from '../config/config';

export type FetchResult = { status: 'not_modified' } | { status: 'ok'; body: string; etag: string | null; lastModified: string | null };

export class FeedFetchError extends Error {}

/** What the press office reads when a feed is refused or cannot be reached: never the network's own error. */
export const FEED_REFUSED = 'dirección no permitida: solo sitios públicos por los puertos 80 y 443';
export const FEED_UNREACHABLE = 'no se pudo conectar con la fuente';

/**
 * Reads one feed over HTTP(S) with a conditional request (If-None-Match, If-Modified-Since),
 * a timeout for the whole exchange and a size limit, so one bad feed cannot stall the rest.
 * Through the outbound-request guard: only public addresses, at most 3 redirects, each checked.
 */
@Injectable()
export class FeedFetcher {
  private readonly logger = new Logger('FeedFetcher');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: OutboundHttp,
  ) {}

  async fetch(url: string, cache: { etag: string | null; lastModified: string | null }): Promise<FetchResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.config.MONITORING_FEED_TIMEOUT_MS);
    try {
      const headers: Record<string, string> = { 'User-Agent': 'Cabildo-Monitoreo/1.0', Accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1' };
      if (cache.etag) headers['If-None-Match'] = cache.etag;
      if (cache.lastModified) headers['If-Modified-Since'] = cache.lastModified;
      const res = await this.http.fetch(url, { headers, signal: controller.signal, maxRedirects: 3 });
      if (res.status === 304) return { status: 'not_modified' };
      if (!res.ok) throw new FeedFetchError(`HTTP ${res.status}`);
      const max = this.config.MONITORING_FEED_MAX_BYTES;
      const declared = Number(res.headers.get('content-length') ?? 0);
      if (declared > max) throw new FeedFetchError(`demasiado grande (${declared} bytes, límite ${max})`);
      const reader = res.body?.getReader();
      const chunks: Uint8Array[] = [];
      let size = 0;
      if (reader) {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          size += value.byteLength;
          if (size > max) {
            await reader.cancel();
            throw new FeedFetchError(`demasiado grande (más de ${max} bytes)`);
          }
          chunks.push(value);
        }
      }
      return { status: 'ok', body: Buffer.concat(chunks).toString('utf8'), etag: res.headers.get('etag'), lastModified: res.headers.get('last-modified') };
    } catch (e) {
      if (e instanceof FeedFetchError) throw e;
      if (e instanceof OutboundRefusedError) throw new FeedFetchError(e.reason === 'redirects' ? 'demasiadas redirecciones' : FEED_REFUSED);
      if (controller.signal.aborted) throw new FeedFetchError(`sin respuesta en ${this.config.MONITORING_FEED_TIMEOUT_MS} ms`);
      // The network's own words (ECONNREFUSED, a socket error) stay in the log: shown, they map ports.
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      this.logger.warn(`${url.slice(0, 200)}: ${cause?.code ?? cause?.message ?? (e as Error).message}`);
      throw new FeedFetchError(FEED_UNREACHABLE);
    } finally {
      clearTimeout(timer);
    }
  }
}
