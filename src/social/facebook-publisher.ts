import { Inject, Injectable } from '@nestjs/common';
import { FormData, Response } from 'undici';
import { OutboundHttp, OutboundRefusedError } from '../common/outbound-http';
import { APP_CONFIG, AppConfig } from '../config/config';
import { PermanentDeliveryError } from '../notifications/outbox.service';
import { classifyGraphError, describeGraphError, GraphError, retryable } from './graph-errors';

export interface FacebookPost {
  message: string;
  link?: string | null;
  photos: { content: Buffer; filename: string; contentType: string }[];
}

export interface FacebookResult {
  /** The page post's id, "pageid_postid". */
  postId: string;
  url: string;
}

/** A failure the outbox should retry (rate limit, Meta's trouble, the network). */
export class RetryableGraphError extends Error {}

/**
 * Publishes to the municipality's Facebook page through the Graph API:
 * text (and link) to /{page-id}/feed; one photo to /{page-id}/photos; several photos
 * uploaded unpublished to /{page-id}/photos and attached to one /{page-id}/feed post.
 */
@Injectable()
export class FacebookPublisher {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: OutboundHttp,
  ) {}

  get configured(): boolean {
    return !!(this.config.FACEBOOK_PAGE_ID && this.config.FACEBOOK_PAGE_TOKEN);
  }

  private url(edge: 'feed' | 'photos'): string {
    return `${this.config.FACEBOOK_GRAPH_URL.replace(/(?<!\/)\/+$/, '')}/${encodeURIComponent(this.config.FACEBOOK_PAGE_ID!)}/${edge}`;
  }

  private async call(edge: 'feed' | 'photos', body: URLSearchParams | FormData): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await this.http.fetch(this.url(edge), { method: 'POST', body, signal: AbortSignal.timeout(60_000), maxRedirects: 0 });
    } catch (e) {
      if (e instanceof OutboundRefusedError) throw new PermanentDeliveryError('La dirección de la Graph API (FACEBOOK_GRAPH_URL) no está permitida: solo sitios públicos por los puertos 80 y 443, o los de OUTBOUND_ALLOW_HOSTS');
      throw new RetryableGraphError(`No se pudo conectar con Facebook: ${(e as Error).message}`);
    }
    const text = await res.text();
    let json: { error?: GraphError } & Record<string, unknown> = {};
    try {
      json = JSON.parse(text);
    } catch {
      json = {};
    }
    if (!res.ok || json.error) {
      const message = describeGraphError(res.status, json.error);
      if (retryable(classifyGraphError(res.status, json.error))) throw new RetryableGraphError(message);
      throw new PermanentDeliveryError(message);
    }
    return json;
  }

  async publish(post: FacebookPost): Promise<FacebookResult> {
    if (!this.configured) throw new PermanentDeliveryError('La página de Facebook no está configurada');
    const token = this.config.FACEBOOK_PAGE_TOKEN!;
    const message = post.photos.length === 1 && post.link ? `${post.message}\n\n${post.link}` : post.message;
    let postId: string;
    if (post.photos.length === 1) {
      const form = new FormData();
      form.set('caption', message);
      form.set('published', 'true');
      form.set('access_token', token);
      const p = post.photos[0];
      form.set('source', new Blob([p.content], { type: p.contentType }), p.filename);
      const res = await this.call('photos', form);
      postId = String(res.post_id ?? res.id);
    } else {
      const params = new URLSearchParams({ message, access_token: token });
      if (post.link) params.set('link', post.link);
      for (const [i, p] of post.photos.entries()) {
        const form = new FormData();
        form.set('published', 'false');
        form.set('access_token', token);
        form.set('source', new Blob([p.content], { type: p.contentType }), p.filename);
        const res = await this.call('photos', form);
        params.set(`attached_media[${i}]`, JSON.stringify({ media_fbid: String(res.id) }));
      }
      const res = await this.call('feed', params);
      postId = String(res.id);
    }
    return { postId, url: `https://www.facebook.com/${postId}` };
  }
}
