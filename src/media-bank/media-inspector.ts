import { open, readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import exifr from 'exifr';
import FileType from 'file-type';
import * as musicMetadata from 'music-metadata';
import sharp from 'sharp';
import { MAX_IMAGE_PIXELS, readImageHeader, SAFE_DECODE } from '../common/images';
import { APP_CONFIG, AppConfig } from '../config/config';
import { photoFacts, str } from './photo-metadata';
import { kindOfMime, looksLikeText, MediaKind, SIZE_LIMITS, TEXT_EXTENSIONS } from './media-kinds';

export interface Inspection {
  kind: MediaKind;
  mimeType: string;
  extension: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationSeconds: number | null;
  format: string | null;
  camera: string | null;
  latitude: number | null;
  longitude: number | null;
  takenAt: Date | null;
  /** Read from EXIF/IPTC/XMP or tags, to fill empty fields. */
  suggested: { title?: string; caption?: string; credit?: string; keywords?: string[]; place?: string };
  metadata: Record<string, unknown>;
  notes: string[];
  web: Buffer | null;
  thumb: Buffer | null;
}

export type InspectionResult = { ok: true; value: Inspection } | { ok: false; reason: string; args?: Record<string, unknown> };

export const WEB_WIDTH = 1600;
export const THUMB_WIDTH = 400;

/**
 * Looks inside an uploaded file: what it really is (by content), whether its size fits its
 * kind, what it says about itself (EXIF/IPTC/XMP, container), and the web and thumbnail
 * sizes of a photo. A part that cannot be read is noted, never fatal.
 */
@Injectable()
export class MediaInspector {
  private readonly logger = new Logger('MediaInspector');

  constructor(@Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'TIMEZONE'>) {}

  async inspect(path: string, originalName: string): Promise<InspectionResult> {
    const { size } = await stat(path);
    if (size === 0) return { ok: false, reason: 'bank.refused.empty' };
    const detected = await FileType.fromFile(path).catch(() => undefined);
    let kind = kindOfMime(detected?.mime);
    let mimeType = detected?.mime ?? 'application/octet-stream';
    let extension = detected?.ext ?? '';
    if (!detected) {
      const ext = extname(originalName).slice(1).toLowerCase();
      if (TEXT_EXTENSIONS.includes(ext) && looksLikeText(await this.head(path, 8192))) {
        kind = 'document';
        mimeType = ext === 'csv' ? 'text/csv' : ext === 'md' ? 'text/markdown' : 'text/plain';
        extension = ext;
      }
    }
    if (!kind) {
      return { ok: false, reason: 'bank.refused.type', args: { detected: detected ? `${detected.ext} (${detected.mime})` : '?' } };
    }
    if (size > SIZE_LIMITS[kind]) {
      return { ok: false, reason: 'bank.refused.too_large', args: { kind: kind, limit: Math.round(SIZE_LIMITS[kind] / 1024 / 1024) } };
    }
    if (kind === 'photo') {
      // Pixels from the header, before any decoding: a few kilobytes may claim gigapixels (a decompression bomb).
      const header = await readImageHeader(path);
      if (!header.ok && header.reason === 'too_many_pixels') {
        return { ok: false, reason: 'bank.refused.too_many_pixels', args: { width: header.width, height: header.height, max: MAX_IMAGE_PIXELS / 1_000_000 } };
      }
    }
    const value: Inspection = {
      kind, mimeType, extension, sizeBytes: size, width: null, height: null, durationSeconds: null, format: null, camera: null,
      latitude: null, longitude: null, takenAt: null, suggested: {}, metadata: {}, notes: [], web: null, thumb: null,
    };
    if (kind === 'photo') await this.photo(path, value);
    if (kind === 'audio' || kind === 'video') await this.media(path, value);
    return { ok: true, value };
  }

  private async head(path: string, n: number): Promise<Buffer> {
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(n);
      const { bytesRead } = await fh.read(buf, 0, n, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  }

  private async photo(path: string, v: Inspection): Promise<void> {
    try {
      const meta = await sharp(path, SAFE_DECODE).metadata();
      const swap = (meta.orientation ?? 1) >= 5;
      v.width = (swap ? meta.height : meta.width) ?? null;
      v.height = (swap ? meta.width : meta.height) ?? null;
      v.web = await sharp(path, SAFE_DECODE).rotate().resize({ width: WEB_WIDTH, height: WEB_WIDTH, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 82, mozjpeg: true }).toBuffer();
      v.thumb = await sharp(path, SAFE_DECODE).rotate().resize({ width: THUMB_WIDTH, height: THUMB_WIDTH, fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 75 }).toBuffer();
    } catch (e) {
      v.notes.push(`No se pudieron generar las versiones web y miniatura: ${(e as Error).message}`);
    }
    try {
      // A buffer, not a path: exifr opens paths through a dynamic import that not every runtime allows.
      // Photos are at most 25 MB, so reading one whole is fine.
      const file = await readFile(path);
      // Blocks kept apart and values as written: IPTC is decoded and dates are read with their
      // offset (or in the municipality's zone) by photoFacts, not by exifr's guesses.
      const parsed = ((await exifr.parse(file, { tiff: true, exif: true, gps: true, iptc: true, xmp: true, icc: false, jfif: false, ihdr: false, mergeOutput: false, translateValues: true, reviveValues: false })) ?? {}) as Record<string, unknown>;
      const facts = photoFacts(parsed, file, this.config.TIMEZONE);
      v.takenAt = facts.takenAt;
      v.camera = facts.camera;
      v.latitude = facts.latitude;
      v.longitude = facts.longitude;
      v.suggested = facts.suggested;
      const m = facts.flat;
      v.metadata = this.keep(m);
    } catch (e) {
      v.notes.push(`No se pudieron leer los metadatos EXIF/IPTC/XMP: ${(e as Error).message}`);
    }
  }

  private async media(path: string, v: Inspection): Promise<void> {
    try {
      const mm = await musicMetadata.parseFile(path, { duration: true, skipCovers: true });
      v.durationSeconds = typeof mm.format.duration === 'number' && Number.isFinite(mm.format.duration) ? mm.format.duration : null;
      v.format = [mm.format.container, mm.format.codec].filter(Boolean).join(' / ').slice(0, 120) || null;
      const c = mm.common;
      v.suggested = { title: c.title, credit: c.artist, caption: c.comment?.[0] ? str(c.comment[0]) : undefined, keywords: c.genre ?? [] };
      v.metadata = this.keep({ ...mm.format, title: c.title, artist: c.artist, album: c.album, date: c.date });
      if (v.durationSeconds == null) v.notes.push('No se pudo conocer la duración del archivo.');
    } catch (e) {
      v.notes.push(`No se pudo leer el formato ni la duración: ${(e as Error).message}`);
    }
  }

  /** Only simple values, short, so the metadata column stays small and JSON-safe. */
  private keep(m: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(m)) {
      if (val == null) continue;
      if (val instanceof Date) out[k] = Number.isNaN(val.getTime()) ? null : val.toISOString();
      else if (typeof val === 'string') out[k] = val.replace(/\u0000/g, '').slice(0, 500);
      else if (typeof val === 'number' || typeof val === 'boolean') out[k] = Number.isFinite(val as number) || typeof val === 'boolean' ? val : null;
      else if (Array.isArray(val) && val.length <= 50 && val.every((x) => typeof x === 'string' || typeof x === 'number')) out[k] = val.map((x) => (typeof x === 'string' ? x.replace(/\u0000/g, '').slice(0, 200) : x));
      if (Object.keys(out).length >= 120) break;
    }
    return out;
  }
}
