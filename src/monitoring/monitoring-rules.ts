import { parseLocal } from '../common/local-time';
/** Media monitoring as pure rules: vocabularies, keyword matching, the identity of a feed item. */
export const MEDIA_KINDS = ['press', 'radio', 'tv', 'digital', 'social'] as const;
export type MediumKind = (typeof MEDIA_KINDS)[number];

export const TONES = ['positive', 'neutral', 'negative'] as const;
export type Tone = (typeof TONES)[number];

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The keyword rules a text matches: accents and case aside, whole words or phrases
 * ("Tampacan" matches "Tampacán", "agua" does not match "aguacate").
 */
export function matchKeywords(text: string, terms: readonly string[]): string[] {
  const folded = fold(text ?? '');
  return terms.filter((t) => {
    const term = fold(t.trim());
    return term.length >= 2 && new RegExp(`(^|[^a-z0-9ñ])${escape(term).replace(/\s+/g, '\\s+')}($|[^a-z0-9ñ])`).test(folded);
  });
}

/** One key for one published piece, whatever feed brings it: its link without tracking noise, else its guid, else its title. */
export function itemKey(item: { link?: string; guid?: string; title?: string }): string | null {
  if (item.link) {
    try {
      const u = new URL(item.link.trim());
      for (const p of [...u.searchParams.keys()]) if (/^(utm_|fbclid$|gclid$)/i.test(p)) u.searchParams.delete(p);
      u.hash = '';
      return `url:${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/(?<!\/)\/+$/, '')}${u.search}`;
    } catch {
      /* not a URL: fall through */
    }
  }
  if (item.guid?.trim()) return `guid:${item.guid.trim()}`;
  if (item.title?.trim()) return `title:${fold(item.title).replace(/\s+/g, ' ').trim()}`;
  return null;
}

/** Tags typed as "agua, obras;  Salud" → ["agua", "obras", "salud"], each once. */
export function parseTags(s: string | null | undefined): string[] {
  return [...new Set((s ?? '').split(/[,;]/).map((t) => t.trim().toLowerCase()).filter((t) => t.length > 0 && t.length <= 40))].slice(0, 20);
}

/** Monday of the week of a day, for the weekly report. */
export function weekOf(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - dow * 86_400_000).toISOString().slice(0, 10);
}

/** "2026-11-26T09:30" read as a wall-clock time in `timeZone` → the instant (the one clock: common/local-time). */
export function zonedToUtc(local: string, timeZone: string): Date {
  const d = parseLocal(local, timeZone);
  if (!d) throw new RangeError(`bad local time: ${local}`);
  return d;
}

/** The medium of an outlet of the directory. */
export const mediumOfOutlet = (type: string | null | undefined): MediumKind => (type === 'radio' ? 'radio' : type === 'tv' ? 'tv' : type === 'print' || type === 'magazine' ? 'press' : 'digital');

/**
 * Pickup of a release: of the outlets it was sent to, those that published it (a clipping
 * linked to the release), the ratio, and those that did not, for the follow-up call; and the
 * outlets that published it without being sent it (from the newsroom, or from another outlet).
 */
export function pickupOf(sentOutletIds: readonly number[], publishedOutletIds: readonly (number | null)[]): { sent: number; published: number[]; missing: number[]; elsewhere: number[]; ratio: number | null } {
  const sent = [...new Set(sentOutletIds)];
  const pub = new Set(publishedOutletIds.filter((x): x is number => x != null));
  const published = sent.filter((id) => pub.has(id));
  const elsewhere = [...pub].filter((id) => !sent.includes(id));
  return { sent: sent.length, published, missing: sent.filter((id) => !pub.has(id)), elsewhere, ratio: sent.length ? Math.round((published.length / sent.length) * 1000) / 1000 : null };
}
