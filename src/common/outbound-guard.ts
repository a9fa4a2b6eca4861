import { lookup as dnsLookup, LookupAddress } from 'node:dns';
import ipaddr from 'ipaddr.js';

/**
 * The outbound-request guard's rules, as pure functions: which URLs and which addresses the
 * server may reach on behalf of a user (a monitoring feed, the Graph API, any URL to come).
 * Only global unicast addresses, only ports 80 and 443, unless an administrator lists a host
 * (OUTBOUND_ALLOW_HOSTS) or a port (OUTBOUND_ALLOWED_PORTS).
 */
export interface OutboundPolicy {
  /** "host" (any allowed port) or "host:port", host as the URL writes it (IPv6 in brackets). */
  allowHosts: ReadonlySet<string>;
  allowedPorts: ReadonlySet<number>;
}

export type OutboundRefusal = 'scheme' | 'credentials' | 'port' | 'address';

export type OutboundDecision = { ok: true; url: URL; allowListed: boolean } | { ok: false; reason: OutboundRefusal };

export function outboundPolicy(allowHosts?: string, allowedPorts?: string): OutboundPolicy {
  const list = (s?: string) =>
    (s ?? '')
      .split(/[\s,]+/)
      .map((x) => x.trim().toLowerCase())
      .filter(Boolean);
  const ports = new Set([80, 443]);
  for (const p of list(allowedPorts)) ports.add(Number(p));
  return { allowHosts: new Set(list(allowHosts)), allowedPorts: ports };
}

/**
 * True only for a global unicast address. Loopback, private, link-local (169.254.169.254,
 * the cloud metadata service), carrier-grade NAT, multicast, unspecified, broadcast,
 * documentation and reserved ranges are refused, and so is IPv6 that carries an IPv4 address
 * (mapped, NAT64, 6to4, Teredo), whatever that address is. Anything unparseable is refused.
 */
export function isPublicAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  if (!ipaddr.isValid(bare)) return false;
  const ip = ipaddr.process(bare); // ::ffff:a.b.c.d is judged as a.b.c.d
  return ip.range() === 'unicast';
}

function defaultPort(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
}

/**
 * Decides on a URL before any connection: the scheme, the port, and the host when it is an
 * address however written (the WHATWG parser turns 0x7f000001, 2130706433 and 017700000001
 * into 127.0.0.1). A host name is judged again on the addresses DNS gives at connection time.
 */
export function checkOutboundUrl(input: string | URL, policy: OutboundPolicy): OutboundDecision {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return { ok: false, reason: 'scheme' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'scheme' };
  if (url.username || url.password) return { ok: false, reason: 'credentials' };
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  const port = defaultPort(url);
  if (policy.allowHosts.has(`${host}:${port}`)) return { ok: true, url, allowListed: true };
  if (!policy.allowedPorts.has(port)) return { ok: false, reason: 'port' };
  if (policy.allowHosts.has(host)) return { ok: true, url, allowListed: true };
  const bare = host.replace(/^\[|\]$/g, '');
  if (ipaddr.isValid(bare) && !isPublicAddress(bare)) return { ok: false, reason: 'address' };
  // localhost and single-label names are local by definition; DNS is asked again at connection time.
  if (host === 'localhost' || host.endsWith('.localhost') || (!host.includes('.') && !ipaddr.isValid(bare))) return { ok: false, reason: 'address' };
  return { ok: true, url, allowListed: false };
}

export class OutboundRefusedError extends Error {
  constructor(readonly reason: OutboundRefusal | 'redirects') {
    super(`outbound request refused: ${reason}`);
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls connections: resolves the name, refuses it unless every address is
 * public, and hands the socket exactly the addresses it checked (a second DNS answer cannot
 * slip in between the check and the connection).
 */
export function guardedLookup(hostname: string, options: { all?: boolean; family?: number } | number, callback: LookupCallback): void {
  const opts = typeof options === 'number' ? { family: options } : options ?? {};
  dnsLookup(hostname, { family: opts.family ?? 0, all: true }, (err, addresses) => {
    if (err) return callback(err, '');
    if (!addresses.length || addresses.some((a) => !isPublicAddress(a.address))) return callback(new OutboundRefusedError('address'), '');
    if (opts.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

/** A link taken from outside (a feed item) kept only when it is http(s): never javascript:, data: or the like. */
export function httpUrlOrNull(value: string | null | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
