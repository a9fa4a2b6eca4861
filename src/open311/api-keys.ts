import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** "c311_<prefix>_<secret>": the prefix finds the key, the whole string is hashed. */
export function newApiKey(): { plain: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex');
  const plain = `c311_${prefix}_${randomBytes(24).toString('base64url')}`;
  return { plain, prefix, hash: hashApiKey(plain) };
}

export function hashApiKey(plain: string): string {
  return createHash('sha256').update(plain, 'utf8').digest('hex');
}

export function prefixOf(plain: string): string | null {
  const m = /^c311_([a-z0-9]{6,16})_[A-Za-z0-9_-]{16,}$/.exec(plain);
  return m ? m[1] : null;
}

export function apiKeyMatches(plain: string, hash: string): boolean {
  const a = Buffer.from(hashApiKey(plain), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
