/** What the media bank accepts, decided by a file's content (never its name). Pure. */
export const MEDIA_KINDS = ['photo', 'audio', 'video', 'document'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

export const USAGE_RIGHTS = ['free', 'institutional', 'consent'] as const;
export type UsageRights = (typeof USAGE_RIGHTS)[number];

const MB = 1024 * 1024;
/** Largest file accepted per kind. */
export const SIZE_LIMITS: Record<MediaKind, number> = {
  photo: 25 * MB,
  audio: 200 * MB,
  video: 1024 * MB,
  document: 25 * MB,
};
/** The most any single upload may carry (the largest kind), enforced while it streams. */
export const MAX_UPLOAD_BYTES = Math.max(...Object.values(SIZE_LIMITS));
export const MAX_FILES_PER_UPLOAD = 30;

const PHOTO = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/tiff', 'image/heic', 'image/heif', 'image/avif'];
const DOCUMENT = [
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/rtf',
];

/** The kind of a detected MIME type, or null when the bank does not take it (programs, archives…). */
export function kindOfMime(mime: string | undefined): MediaKind | null {
  if (!mime) return null;
  if (PHOTO.includes(mime)) return 'photo';
  if (mime.startsWith('audio/')) return 'audio';
  if (mime.startsWith('video/')) return 'video';
  if (DOCUMENT.includes(mime)) return 'document';
  return null;
}

/** Plain-text documents have no magic number: accepted by extension only if the bytes are text. */
export function looksLikeText(sample: Buffer): boolean {
  if (sample.includes(0)) return false;
  const s = sample.toString('utf8');
  return !s.includes('\uFFFD') || sample.length === 0;
}

export const TEXT_EXTENSIONS = ['txt', 'csv', 'md'];

/** Lower-case, accents removed, spaces squeezed: the form both the index and the query take. */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** "Feria, Niñas y niños; deporte" → ['Feria', 'Niñas y niños', 'deporte']: unique (whatever the case), trimmed, written as typed. */
export function parseTags(input: string | string[] | undefined | null): string[] {
  const raw = Array.isArray(input) ? input.join(',') : (input ?? '');
  const seen = new Map<string, string>();
  for (const part of raw.split(/[,;\n]/)) {
    const tag = part.trim().replace(/\s+/g, ' ').slice(0, 60);
    if (tag && !seen.has(tag.toLowerCase())) seen.set(tag.toLowerCase(), tag);
  }
  return [...seen.values()].slice(0, 40);
}

/** The camera as people say it: "Canon EOS 250D", not "Canon Canon EOS 250D" (many makers repeat their name in the model). */
export function cameraName(make: string | undefined, model: string | undefined): string | null {
  const brand = make?.trim().split(/\s+/)[0]?.toLowerCase();
  const name = brand && model && model.trim().toLowerCase().startsWith(brand) ? model.trim() : [make?.trim(), model?.trim()].filter(Boolean).join(' ');
  return name ? name.slice(0, 150) : null;
}

export function searchTextOf(a: { title?: string | null; caption?: string | null; tags?: string[] | null; credit?: string | null; place?: string | null }): string {
  return normalizeForSearch([a.title, a.caption, (a.tags ?? []).join(' '), a.credit, a.place].filter(Boolean).join(' '));
}

/** Whether an asset may be used today: not flagged "no usar" and its rights not expired. */
export function usable(a: { doNotUse: boolean; rightsExpiresOn: string | null }, today: string): boolean {
  if (a.doNotUse) return false;
  return !a.rightsExpiresOn || a.rightsExpiresOn >= today;
}

export function humanSize(bytes: number): string {
  if (bytes >= 1024 * MB) return `${(bytes / (1024 * MB)).toFixed(1)} GB`;
  if (bytes >= MB) return `${(bytes / MB).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

export function humanDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
