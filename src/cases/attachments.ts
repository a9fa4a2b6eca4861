import { Injectable } from '@nestjs/common';
import { fromBuffer } from 'file-type';
import type { StorageEngine } from 'multer';
import sharp from 'sharp';
import { FileStorage } from '../storage/file-storage';
import { CITIZEN_MAX_IMAGE_PIXELS, ImageBusyError, makeThumbnail, MAX_IMAGE_PIXELS, readImageHeader, reencodeWithoutMetadata, SAFE_DECODE } from '../common/images';
import { CaseAttachment } from './case-attachment.entity';
import { CasesRepository } from './cases.repository';

export const MAX_FILES = 5;
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Hard ceiling per file for the upload parser: above it the request is cut (413); below it, a message beside the field. */
export const HARD_FILE_BYTES = 40 * 1024 * 1024;
export const ALLOWED_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

/** A file as the upload parser kept it: the bytes only if within MAX_FILE_BYTES. */
export interface UploadedPart {
  originalname: string;
  buffer?: Buffer;
  size: number;
  tooBig?: boolean;
}

export interface CheckedFile {
  filename: string;
  contentType: string;
  ext: string;
  buffer: Buffer;
  /** An image re-encoded without its metadata, made while checking it (decoding it whole is the check). */
  clean?: Buffer;
}

export interface StoredFile {
  storageKey: string;
  originalKey: string | null;
  thumbKey: string | null;
  filename: string;
  contentType: string;
  size: number;
}

/**
 * Multer storage that keeps each file in memory up to MAX_FILE_BYTES and then only counts
 * the rest, so that a 30 MB photo gets "hasta 10 MB" beside the field, with the other
 * fields of the form kept, instead of a bare 413.
 */
export function cappedMemoryStorage(): StorageEngine {
  return {
    _handleFile(_req, file, cb) {
      const chunks: Buffer[] = [];
      let size = 0;
      file.stream.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= MAX_FILE_BYTES) chunks.push(c);
      });
      file.stream.on('error', (e) => cb(e));
      file.stream.on('end', () => {
        const tooBig = size > MAX_FILE_BYTES;
        cb(null, { size, buffer: tooBig ? undefined : Buffer.concat(chunks), tooBig } as Partial<Express.Multer.File>);
      });
    },
    _removeFile(_req, _file, cb) {
      cb(null);
    },
  };
}

export const UPLOAD_OPTIONS = { storage: cappedMemoryStorage(), limits: { fileSize: HARD_FILE_BYTES, files: 12, fields: 60, fieldSize: 64 * 1024 } };

function safeName(name: string): string {
  const clean = Buffer.from(name, 'latin1').toString('utf8').normalize('NFC').replace(/[\\/\u0000-\u001f]/g, '_').trim();
  return (clean || 'archivo').slice(-120);
}

/** Checks uploads by their content (not their name) and stores them, images without metadata. */
@Injectable()
export class AttachmentsService {
  constructor(
    private readonly storage: FileStorage,
    private readonly repo: CasesRepository,
  ) {}

  /** The files that were really chosen (a browser sends an empty part when none is). */
  static chosen(files: UploadedPart[] | undefined): UploadedPart[] {
    return (files ?? []).filter((f) => f.size > 0 || f.originalname);
  }

  /**
   * An i18n key describing the first problem, or the checked files. Every file's type and every
   * image's header (its size in pixels) are checked before any image is decoded; `citizen`
   * applies the public form's lower limit (CITIZEN_MAX_IMAGE_PIXELS).
   */
  async check(files: UploadedPart[], opts: { citizen?: boolean } = {}): Promise<{ error: string } | { files: CheckedFile[] }> {
    if (files.length > MAX_FILES) return { error: 'cases.validation.too_many_files' };
    const maxPixels = opts.citizen ? CITIZEN_MAX_IMAGE_PIXELS : MAX_IMAGE_PIXELS;
    const typed: { f: UploadedPart & { buffer: Buffer }; mime: string }[] = [];
    for (const f of files) {
      if (f.tooBig || f.size > MAX_FILE_BYTES) return { error: 'cases.validation.file_too_big' };
      if (!f.buffer || f.size === 0) return { error: 'cases.validation.file_empty' };
      const type = await fromBuffer(f.buffer);
      if (!type || !ALLOWED_TYPES[type.mime]) return { error: 'cases.validation.file_type' };
      if (type.mime !== 'application/pdf') {
        // Its size in pixels from the header first: a decompression bomb is refused before it is decoded.
        const header = await readImageHeader(f.buffer, maxPixels);
        if (!header.ok) return { error: header.reason !== 'too_many_pixels' ? 'cases.validation.file_type' : opts.citizen ? 'cases.validation.citizen_image_too_large' : 'cases.validation.image_too_large' };
      }
      typed.push({ f: f as UploadedPart & { buffer: Buffer }, mime: type.mime });
    }
    const out: CheckedFile[] = [];
    for (const { f, mime } of typed) {
      let clean: Buffer | undefined;
      if (mime !== 'application/pdf') {
        // A file that claims to be an image must decode as one, whole: a truncated photo is refused here, not half-stored.
        try {
          clean = await reencodeWithoutMetadata(f.buffer, maxPixels);
        } catch (e) {
          if (e instanceof ImageBusyError) return { error: 'cases.validation.images_busy' };
          return { error: 'cases.validation.file_damaged' };
        }
      }
      out.push({ filename: safeName(f.originalname), contentType: mime, ext: ALLOWED_TYPES[mime], buffer: f.buffer, clean });
    }
    return { files: out };
  }

  /**
   * The copy staff and the citizen see: decoded and encoded again (so nothing but pixels is kept:
   * no EXIF, no bytes appended after the image), turned upright first, in the image queue.
   * Never more than MAX_IMAGE_PIXELS are decoded; a damaged file is an error, not half an image.
   */
  static withoutMetadata(buffer: Buffer): Promise<Buffer> {
    return reencodeWithoutMetadata(buffer);
  }

  /**
   * Store checked files. Images are re-encoded without EXIF (GPS, camera, owner) for the copy
   * staff see, turned upright first; the file as received is kept apart as evidence.
   */
  async store(files: CheckedFile[]): Promise<StoredFile[]> {
    const stored: StoredFile[] = [];
    try {
      for (const f of files) {
        if (f.contentType === 'application/pdf') {
          const key = this.storage.newKey('cases', f.ext);
          await this.storage.put(key, f.buffer);
          stored.push({ storageKey: key, originalKey: null, thumbKey: null, filename: f.filename, contentType: f.contentType, size: f.buffer.length });
          continue;
        }
        // Files from email were checked by type only: one that does not decode is left on its message, not added to the case.
        const clean = f.clean ?? (await AttachmentsService.withoutMetadata(f.buffer).catch(() => undefined));
        if (!clean) continue;
        const key = this.storage.newKey('cases', f.ext);
        const originalKey = this.storage.newKey('cases-original', f.ext);
        const thumbKey = this.storage.newKey('cases-thumb', 'jpg');
        const entry: StoredFile = { storageKey: key, originalKey: null, thumbKey: null, filename: f.filename, contentType: f.contentType, size: clean.length };
        stored.push(entry); // before the writes: a failure half-way removes what was written
        await this.storage.put(key, clean);
        entry.originalKey = originalKey;
        await this.storage.put(originalKey, f.buffer);
        entry.thumbKey = thumbKey;
        await this.storage.put(thumbKey, await makeThumbnail(clean));
      }
    } catch (e) {
      await this.discard(stored);
      throw e;
    }
    return stored;
  }

  /** Remove stored files whose case was not saved after all. */
  async discard(files: StoredFile[]): Promise<void> {
    for (const f of files) {
      await this.storage.delete(f.storageKey).catch(() => undefined);
      if (f.originalKey) await this.storage.delete(f.originalKey).catch(() => undefined);
      if (f.thumbKey) await this.storage.delete(f.thumbKey).catch(() => undefined);
    }
  }

  /**
   * The thumbnail of a photo on a case: made at upload; for a photo stored before thumbnails
   * existed, made now from the cleaned copy and recorded, once (a second request racing this
   * one keeps the first thumbnail recorded). Null for a PDF.
   */
  async thumbnail(a: CaseAttachment): Promise<string | null> {
    if (a.thumbKey) return a.thumbKey;
    if (!a.contentType.startsWith('image/')) return null;
    const key = this.storage.newKey('cases-thumb', 'jpg');
    await this.storage.put(key, await makeThumbnail(await this.storage.read(a.storageKey)));
    const standing = await this.repo.setAttachmentThumb(a.id, key);
    if (standing !== key) await this.storage.delete(key).catch(() => undefined);
    return standing;
  }

  async remove(keys: (string | null)[]): Promise<void> {
    for (const k of keys) if (k) await this.storage.delete(k).catch(() => undefined);
  }
}
