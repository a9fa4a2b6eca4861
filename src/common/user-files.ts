import { createHash } from 'node:crypto';
import { NotFoundException } from '@nestjs/common';
import type { Request, Response } from 'express';
import parseRange from 'range-parser';
import { ByteRange, FileStorage } from '../storage/file-storage';

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

/**
 * Send a stored file through the app, whatever store holds it: `setHeaders` sets the headers
 * the file is served with (type, disposition, nosniff…) once the file is known to exist, so a
 * missing one is a plain 404 page. One byte range is honoured (206, so audio and video seek;
 * 416 past the end); several ranges, or a malformed header, get the whole file. Keys never
 * change content, so the key is the ETag.
 */
export async function sendStoredFile(req: Request, res: Response, storage: FileStorage, key: string, setHeaders: () => void): Promise<void> {
  const size = await storage.size(key);
  if (size === null) throw new NotFoundException();
  setHeaders();
  const etag = `"${createHash('sha1').update(key).digest('base64url').slice(0, 20)}-${size.toString(36)}"`;
  res.setHeader('ETag', etag);
  res.setHeader('Accept-Ranges', 'bytes');
  if (!res.getHeader('Cache-Control')) res.setHeader('Cache-Control', 'private, max-age=0');
  if (req.headers['if-none-match'] === etag) {
    res.status(304).end();
    return;
  }
  let range: ByteRange | undefined;
  const header = req.headers.range;
  const ifRange = req.headers['if-range'];
  if (header && (!ifRange || ifRange === etag)) {
    const parsed = parseRange(size, header, { combine: true });
    if (parsed === -1) {
      res.removeHeader('Content-Disposition');
      res.status(416).setHeader('Content-Range', `bytes */${size}`);
      res.end();
      return;
    }
    if (parsed !== -2 && parsed.type === 'bytes' && parsed.length === 1) range = { start: parsed[0].start, end: parsed[0].end };
  }
  if (range) {
    res.status(206);
    res.setHeader('Content-Range', `bytes ${range.start}-${range.end}/${size}`);
  }
  res.setHeader('Content-Length', String(range ? range.end - range.start + 1 : size));
  if (req.method === 'HEAD' || size === 0) {
    res.end();
    return;
  }
  const stream = await storage.open(key, range);
  stream.on('error', () => res.destroy());
  res.on('close', () => stream.destroy());
  stream.pipe(res);
}
