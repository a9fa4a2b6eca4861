import type { HeaderMap } from './automated';

/**
 * Whether the receiving mail server authenticated the sender of the From: address: the
 * topmost Authentication-Results header written by one of our own servers (its authserv-id
 * in MAIL_AUTHSERV_ID; RFC 8601 has that server delete any header claiming its id from
 * outside) reports DMARC pass for the From: domain, or DKIM or SPF pass aligned with it.
 * Any other Authentication-Results is the sender's say-so and counts for nothing. Pure.
 */
export function senderAuthenticated(headers: HeaderMap, fromAddress: string | null, trustedIds: string[]): boolean {
  const fromDomain = domainOf(fromAddress);
  if (!fromDomain || !trustedIds.length) return false;
  const trusted = trustedIds.map((s) => s.trim().toLowerCase()).filter(Boolean);
  const raw = headers['authentication-results'];
  const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
  // Headers are in order from the top: the first one of ours is the one our server wrote last.
  const ours = values.map(parse).find((r) => r && trusted.includes(r.authservId));
  if (!ours) return false;
  return ours.results.some((r) => {
    if (r.result !== 'pass') return false;
    if (r.method === 'dmarc') return domainOf(r.props['header.from']) === fromDomain;
    if (r.method === 'dkim') return aligned(fromDomain, domainOf(r.props['header.d'] ?? r.props['header.i']));
    if (r.method === 'spf') return aligned(fromDomain, domainOf(r.props['smtp.mailfrom']));
    return false;
  });
}

interface Parsed {
  authservId: string;
  results: { method: string; result: string; props: Record<string, string> }[];
}

function parse(value: string): Parsed | null {
  const clean = value.replace(/\([^()]*\)/g, ' ').slice(0, 4000);
  const [head, ...rest] = clean.split(';');
  const authservId = head.trim().split(/\s+/)[0]?.toLowerCase();
  if (!authservId) return null;
  const results = rest.map((part) => {
    const tokens = part.trim().split(/\s+/).filter(Boolean);
    const [method, result] = (tokens.shift() ?? '').toLowerCase().split('=');
    const props: Record<string, string> = {};
    for (const t of tokens) {
      const i = t.indexOf('=');
      if (i > 0) props[t.slice(0, i).toLowerCase()] = t.slice(i + 1).replace(/^"|"$/g, '').toLowerCase();
    }
    return { method: method?.split('/')[0] ?? '', result: result ?? '', props };
  });
  return { authservId, results };
}

function domainOf(v: string | null | undefined): string | null {
  if (!v) return null;
  const d = (v.includes('@') ? v.slice(v.lastIndexOf('@') + 1) : v).trim().toLowerCase().replace(/\.$/, '');
  return /^[a-z0-9.-]+$/.test(d) && d.includes('.') ? d : null;
}

/** DMARC's relaxed alignment: the same organisational domain (one a subdomain of the other). */
function aligned(fromDomain: string, d: string | null): boolean {
  return !!d && (d === fromDomain || fromDomain.endsWith(`.${d}`) || d.endsWith(`.${fromDomain}`));
}
