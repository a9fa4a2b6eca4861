/**
 * What a photo says about itself, from exifr's output (blocks kept apart: ifd0, exif, gps,
 * iptc, and XMP by namespace). Pure: no Nest, no files.
 *
 * - IPTC-IIM text is bytes in a character set the file names in CodedCharacterSet (1:90):
 *   ESC % G is UTF-8, which Photo Mechanic, Lightroom and phones write. exifr reads it as
 *   Latin-1 whatever it says ("Luis Ã\u0081ngel Cruz"), so the text is decoded again here.
 *   Without the declaration, text that is valid UTF-8 is taken as UTF-8 (Latin-1 text with
 *   accents almost never is), else as Latin-1.
 * - XMP is always Unicode and is the newer place for the same facts: it wins over IIM.
 * - A capture time carries its offset (OffsetTimeOriginal, or an ISO offset in XMP/IPTC);
 *   without one it is the wall-clock time where the photo was taken: the municipality's.
 */
import { zonedToInstant } from './local-time';
import { cameraName } from './media-kinds';

type Block = Record<string, unknown>;

export interface PhotoFacts {
  takenAt: Date | null;
  camera: string | null;
  latitude: number | null;
  longitude: number | null;
  suggested: { title?: string; caption?: string; credit?: string; keywords?: string[]; place?: string };
  /** Every simple value, one level, for the record (IPTC already decoded). */
  flat: Record<string, unknown>;
}

/** A metadata value as one trimmed string (lists joined, XMP's language alternatives read), or undefined. */
export const str = (v: unknown): string | undefined => {
  if (v == null) return undefined;
  if (Array.isArray(v)) return v.map(str).filter(Boolean).join(', ') || undefined;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return str(o.value ?? o['x-default'] ?? Object.values(o)[0]);
  }
  const s = String(v).trim();
  return s ? s.slice(0, 2000) : undefined;
};
const list = (v: unknown): string[] => (v == null ? [] : (Array.isArray(v) ? v : [v]).map((x) => str(x)).filter((x): x is string => !!x));

/**
 * The character set an IIM block declares in dataset 1:90, looked for in the file's bytes:
 * 'utf8' for ESC % G, 'other' for any other declaration, null when there is none.
 */
export function iptcCharset(file: Buffer): 'utf8' | 'other' | null {
  const marker = Buffer.from([0x1c, 0x01, 0x5a]);
  let at = file.indexOf(marker);
  while (at >= 0 && at + 5 < file.length) {
    const len = file.readUInt16BE(at + 3);
    if (len > 0 && len < 32 && at + 5 + len <= file.length) {
      const value = file.subarray(at + 5, at + 5 + len);
      return value.length >= 3 && value[0] === 0x1b && value[1] === 0x25 && value[2] === 0x47 ? 'utf8' : 'other';
    }
    at = file.indexOf(marker, at + 1);
  }
  return null;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** exifr's Latin-1 reading of IIM bytes, decoded as the file says (or as the bytes suggest). */
export function decodeIptcText(latin1: string, charset: 'utf8' | 'other' | null): string {
  if (charset === 'other' || !/[\u0080-\u00ff]/.test(latin1) || /[^\u0000-\u00ff]/.test(latin1)) return latin1;
  const bytes = Buffer.from(latin1, 'latin1');
  try {
    return utf8.decode(bytes);
  } catch {
    return charset === 'utf8' ? bytes.toString('utf8') : latin1;
  }
}

function decodeBlock(block: Block | undefined, charset: 'utf8' | 'other' | null): Block {
  const out: Block = {};
  for (const [k, v] of Object.entries(block ?? {})) {
    out[k] = typeof v === 'string' ? decodeIptcText(v, charset) : Array.isArray(v) ? v.map((x) => (typeof x === 'string' ? decodeIptcText(x, charset) : x)) : v;
  }
  return out;
}

/**
 * A capture time as written in EXIF ("2026:03:14 10:30:00"), XMP ("2026-03-14T10:30:00-06:00")
 * or IPTC ("20260314" + "103000-0600"), with an optional separate offset ("+00:00"), to an
 * instant. Without an offset the time is read in `timeZone`.
 */
export function captureInstant(value: unknown, offset: unknown, timeZone: string): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string') return null;
  // Trimmed first, one optional space before the zone: two \s* around an optional group backtrack (ReDoS).
  const m = /^(\d{4})[:-]?(\d{2})[:-]?(\d{2})(?:[T ]?(\d{2}):?(\d{2})(?::?(\d{2}))?(?:\.\d+)?)? ?(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '00', m[5] ?? '00', m[6] ?? '00'].map(Number);
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  if (new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return null;
  const zone = m[7] ?? (typeof offset === 'string' && /^\s*(Z|[+-]\d{2}:?\d{2})\s*$/.test(offset) ? offset.trim() : undefined);
  if (zone) {
    const minutes = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
    return new Date(Date.UTC(y, mo - 1, d, h, mi, s) - minutes * 60_000);
  }
  const p = (n: number) => String(n).padStart(2, '0');
  const local = zonedToInstant(`${y}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}`, timeZone);
  return local ? new Date(local.getTime() + s * 1000) : null;
}

/** exifr.parse(…, { mergeOutput: false, reviveValues: false }) → what the bank keeps. */
export function photoFacts(parsed: Record<string, unknown>, file: Buffer, timeZone: string): PhotoFacts {
  const b = (name: string) => (parsed[name] ?? {}) as Block;
  const ifd0 = b('ifd0');
  const exif = b('exif');
  const gps = b('gps');
  const iptc = decodeBlock(parsed.iptc as Block | undefined, iptcCharset(file));
  const dc = b('dc');
  const ps = b('photoshop');
  const xmpBasic = b('xmp');
  const xmpExif = b('exifEX');
  const core = b('Iptc4xmpCore');

  const taken =
    captureInstant(exif.DateTimeOriginal, exif.OffsetTimeOriginal ?? exif.OffsetTime, timeZone) ??
    captureInstant(ps.DateCreated, undefined, timeZone) ??
    captureInstant(exif.CreateDate, exif.OffsetTimeDigitized ?? exif.OffsetTime, timeZone) ??
    captureInstant(typeof iptc.DateCreated === 'string' ? `${iptc.DateCreated}${typeof iptc.TimeCreated === 'string' ? ' ' + iptc.TimeCreated : ''}` : undefined, undefined, timeZone) ??
    captureInstant(xmpBasic.CreateDate, undefined, timeZone) ??
    captureInstant(xmpExif.DateTimeOriginal, undefined, timeZone);

  const camera = cameraName(str(ifd0.Make), str(ifd0.Model));
  const lat = gps.latitude;
  const lng = gps.longitude;
  const located = typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng);

  const credit = str(dc.creator) ?? str(iptc.Byline) ?? str(ifd0.Artist) ?? str(ps.Credit) ?? str(iptc.Credit);
  const caption = str(dc.description) ?? str(iptc.Caption) ?? str(ifd0.ImageDescription);
  const title = str(dc.title) ?? str(ps.Headline) ?? str(iptc.ObjectName) ?? str(iptc.Headline);
  const xmpKeywords = list(dc.subject);
  const keywords = xmpKeywords.length ? xmpKeywords : list(iptc.Keywords);
  const place = [str(core.Location) ?? str(iptc.Sublocation), str(ps.City) ?? str(iptc.City), str(ps.State) ?? str(iptc.State)].filter(Boolean).join(', ');

  const flat: Record<string, unknown> = {};
  for (const block of [ifd0, exif, gps, iptc, xmpBasic, xmpExif, ps, core, dc]) for (const [k, v] of Object.entries(block)) if (!(k in flat)) flat[k] = v;
  return {
    takenAt: taken,
    camera,
    latitude: located ? (lat as number) : null,
    longitude: located ? (lng as number) : null,
    suggested: { credit, caption, title, keywords, place: place || undefined },
    flat,
  };
}
