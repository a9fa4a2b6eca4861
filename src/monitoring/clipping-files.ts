/// <reference types="multer" />
import { fromBuffer } from 'file-type';
import { FieldError } from '../common/forms';

export const MAX_CLIPPING_BYTES = 50 * 1024 * 1024;

/** A scan (PDF, JPEG, PNG, WEBP), audio (MP3, WAV, M4A) or video (MP4) of a piece. */
const ACCEPTED: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  mp3: 'audio/mpeg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  mp4: 'video/mp4',
};

/** What a clipping's file really is, read from its content; anything else is a FieldError on `file`. */
export async function checkClippingFile(file: Express.Multer.File): Promise<{ ext: string; mime: string; originalName: string }> {
  if (file.size > MAX_CLIPPING_BYTES) throw new FieldError('file', 'monitoring.validation.file_too_big');
  const type = await fromBuffer(file.buffer);
  if (!type || !ACCEPTED[type.ext]) throw new FieldError('file', 'monitoring.validation.file_type');
  const originalName = (file.originalname || `testigo.${type.ext}`).replace(/[\u0000-\u001f\u007f"\\/]/g, '_').slice(0, 200);
  return { ext: type.ext, mime: ACCEPTED[type.ext], originalName };
}
