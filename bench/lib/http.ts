/** A browser-like client for preparing scenarios (log in, walk the inbox, follow a case): fetch with a cookie jar. */
import { createHash } from 'node:crypto';

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keep(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i).trim(), pair.slice(i + 1).trim());
    }
  }

  async get(path: string): Promise<{ status: number; text: string; location: string | null }> {
    const res = await fetch(this.base + path, { headers: { cookie: this.cookieHeader }, redirect: 'manual' });
    this.keep(res);
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }

  async post(path: string, fields: Record<string, string>): Promise<{ status: number; text: string; location: string | null }> {
    const res = await fetch(this.base + path, {
      method: 'POST',
      headers: { cookie: this.cookieHeader, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    this.keep(res);
    return { status: res.status, text: await res.text(), location: res.headers.get('location') };
  }
}

const unescape = (s: string) => s.replace(/&amp;/g, '&').replace(/&#x3D;/g, '=').replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&#x2F;/g, '/');

/** The CSRF token of a page's first form (hidden field, or in a multipart form's action). */
export function csrfOf(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html) ?? /action="[^"]*\?_csrf=([^"&]+)"/.exec(html);
  if (!m) throw new Error('No CSRF token on the page');
  return decodeURIComponent(unescape(m[1]));
}

/** Solve the public form's proof of work as public/js/pow.js does: find n with sha256(salt + n) = challenge. */
export function solvePow(html: string): string {
  const attr = (name: string) => {
    const m = new RegExp(`data-${name}="([^"]*)"`).exec(html);
    return m ? unescape(m[1]) : undefined;
  };
  const [algorithm, challenge, salt, signature, max] = ['algorithm', 'challenge', 'salt', 'signature', 'maxnumber'].map(attr);
  if (!challenge || !salt) throw new Error('No proof-of-work challenge on the page');
  for (let n = 0; n <= Number(max); n++) {
    if (createHash('sha256').update(salt + n).digest('hex') === challenge) {
      return Buffer.from(JSON.stringify({ algorithm, challenge, number: n, salt, signature })).toString('base64');
    }
  }
  throw new Error('Proof of work not solvable');
}

/** The inbox's "next page" link, if any. */
export function nextLink(html: string): string | null {
  const m = /<a class="button secondary" href="(\/casos\?[^"]*despues(?:=|&#x3D;)[^"]*)"/.exec(html);
  return m ? unescape(m[1]) : null;
}

/** A multipart/form-data body of text fields, as the browser sends the public form. */
export function multipart(fields: Record<string, string>): { body: string; contentType: string } {
  const boundary = `----cabildobench${Math.random().toString(16).slice(2)}`;
  const parts = Object.entries(fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  return { body: `${parts.join('')}--${boundary}--\r\n`, contentType: `multipart/form-data; boundary=${boundary}` };
}
