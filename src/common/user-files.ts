import type { Response } from 'express';

/** Raster images a browser shows without running anything: the only files sent inline. */
const INLINE_TYPES = /^image\/(jpeg|png|gif|webp|avif)$/;

/**
 * Headers for a file someone uploaded (a citizen, an email, a press officer). Whatever it holds
 * (a JPEG with HTML appended, a PDF with JavaScript, text that looks like a page), the browser
 * takes the stored type as given (nosniff), opens only plain images inline, downloads the rest,
 * and runs no script from it even if opened directly (CSP sandbox, nothing loaded).
 */
export function userFileHeaders(res: Response, file: { contentType: string; filename: string }, opts: { download?: boolean } = {}): void {
  const inline = !opts.download && INLINE_TYPES.test(file.contentType);
  const ascii = file.filename.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'archivo';
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox");
  res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
}
