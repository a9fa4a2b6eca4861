/// <reference types="multer" />
import { fromBuffer } from 'file-type';
import { FieldError } from '../common/forms';

export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

const DOCUMENTS: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Campaign pieces also carry their audio and video. */
const MEDIA: Record<string, string> = { mp3: 'audio/mpeg', wav: 'audio/wav', m4a: 'audio/mp4', mp4: 'video/mp4', webp: 'image/webp' };

export interface CheckedUpload {
  ext: string;
  mime: string;
  originalName: string;
  size: number;
}

/**
 * What a file really is, read from its content (never from its name or the browser's word):
 * PDF, JPEG, PNG, or an XLSX/DOCX (a zip; some tools write OOXML that is only recognised as a
 * zip, which is accepted when the name says .xlsx or .docx). Anything else is a FieldError on `field`.
 */
export async function checkUpload(file: Express.Multer.File | undefined, field = 'file', withMedia = false): Promise<CheckedUpload> {
  const ACCEPTED = withMedia ? { ...DOCUMENTS, ...MEDIA } : DOCUMENTS;
  if (!file || !file.size) throw new FieldError(field, 'agreements.validation.no_file');
  if (file.size > MAX_UPLOAD_BYTES) throw new FieldError(field, 'agreements.validation.file_too_big');
  const type = await fromBuffer(file.buffer);
  const named = (file.originalname ?? '').toLowerCase().match(/\.(xlsx|docx)$/)?.[1];
  let ext = type?.ext as string | undefined;
  if (ext === 'zip' && named) ext = named;
  if (!ext || !ACCEPTED[ext]) throw new FieldError(field, withMedia ? 'campaigns.validation.file_type' : 'agreements.validation.file_type');
  const originalName = (file.originalname || `archivo.${ext}`).replace(/[\u0000-\u001f\u007f"\\/]/g, '_').slice(0, 200);
  return { ext, mime: ACCEPTED[ext], originalName, size: file.size };
}

/** A Content-Disposition header that survives accents and quotes. */
export function attachmentHeader(name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '_') || 'archivo';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
