import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface GraphRequest {
  path: string;
  edge: 'feed' | 'photos' | string;
  fields: Record<string, string>;
  files: { name: string; filename: string; contentType: string; bytes: number }[];
}

type Reply = { status: number; body: unknown };

/**
 * A local HTTP server on loopback that answers as the Facebook Graph API does
 * (POST /v19.0/{page-id}/feed and /photos), including its documented error bodies.
 * Queue replies with `reply(...)`; without one it answers success with fresh ids.
 */
export class FakeGraphApi {
  readonly requests: GraphRequest[] = [];
  private readonly queued: Reply[] = [];
  private server?: http.Server;
  private seq = 1000;
  port = 0;

  constructor(readonly pageId = '1234567890') {}

  get url(): string {
    return `http://127.0.0.1:${this.port}/v19.0`;
  }

  reply(status: number, body: unknown): this {
    this.queued.push({ status, body });
    return this;
  }

  static expiredToken(): Reply {
    return { status: 400, body: { error: { message: 'Error validating access token: Session has expired on Thursday, 26-Nov-26 10:00:00 PST.', type: 'OAuthException', code: 190, error_subcode: 463, fbtrace_id: 'AbCdEf123' } } };
  }

  static rateLimited(): Reply {
    return { status: 400, body: { error: { message: '(#32) Page request limit reached', type: 'OAuthException', code: 32, fbtrace_id: 'XyZ987' } } };
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const url = new URL(req.url ?? '/', 'http://x');
        const edge = url.pathname.split('/').pop() ?? '';
        const parsed = this.parse(req.headers['content-type'] ?? '', raw);
        this.requests.push({ path: url.pathname, edge, ...parsed });
        const send = (status: number, body: unknown) => {
          res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
          res.end(JSON.stringify(body));
        };
        if (req.method !== 'POST' || !url.pathname.startsWith(`/v19.0/${this.pageId}/`)) return send(404, { error: { message: 'Unknown path components', type: 'OAuthException', code: 2500 } });
        if (!parsed.fields.access_token) return send(400, { error: { message: 'An active access token must be used to query information about the current user.', type: 'OAuthException', code: 2500 } });
        const q = this.queued.shift();
        if (q) return send(q.status, q.body);
        const id = String(++this.seq);
        if (edge === 'photos') return send(200, parsed.fields.published === 'false' ? { id } : { id, post_id: `${this.pageId}_${id}` });
        if (edge === 'feed') return send(200, { id: `${this.pageId}_${id}` });
        send(400, { error: { message: 'Unsupported post request.', type: 'GraphMethodException', code: 100 } });
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server!.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private parse(contentType: string, raw: Buffer): { fields: Record<string, string>; files: GraphRequest['files'] } {
    if (contentType.startsWith('application/x-www-form-urlencoded')) {
      return { fields: Object.fromEntries(new URLSearchParams(raw.toString('utf8'))), files: [] };
    }
    const m = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
    if (!m) return { fields: {}, files: [] };
    const boundary = `--${m[1] ?? m[2]}`;
    const fields: Record<string, string> = {};
    const files: GraphRequest['files'] = [];
    const text = raw.toString('latin1');
    for (const part of text.split(boundary).slice(1, -1)) {
      const [head, ...rest] = part.split('\r\n\r\n');
      const body = rest.join('\r\n\r\n').replace(/\r\n$/, '');
      const name = /name="([^"]+)"/.exec(head)?.[1] ?? '';
      const filename = /filename="([^"]*)"/.exec(head)?.[1];
      if (filename !== undefined) files.push({ name, filename, contentType: /Content-Type: ([^\r\n]+)/i.exec(head)?.[1] ?? '', bytes: Buffer.byteLength(body, 'latin1') });
      else fields[name] = Buffer.from(body, 'latin1').toString('utf8');
    }
    return { fields, files };
  }
}
