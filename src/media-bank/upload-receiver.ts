import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { MAX_FILES_PER_UPLOAD, MAX_UPLOAD_BYTES } from './media-kinds';
import { UPLOAD_TMP_DIR } from './media-bank.service';

export interface ReceivedUpload {
  files: Express.Multer.File[];
  body: Record<string, unknown>;
}

/** A refusal of the whole request, before or while it streams in; `reason` is an i18n key. */
export class UploadRefused extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly args: Record<string, unknown> = {},
  ) {
    super(reason);
  }
}

/** Room for the form's other fields and the multipart framing around the files. */
const FRAMING_BYTES = 2 * 1024 * 1024;

const upload = multer({
  storage: multer.diskStorage({
    destination: (_req, _file, cb) => {
      mkdirSync(UPLOAD_TMP_DIR, { recursive: true });
      cb(null, UPLOAD_TMP_DIR);
    },
    filename: (_req, _file, cb) => cb(null, `up-${randomBytes(12).toString('hex')}`),
  }),
  defParamCharset: 'utf8',
  limits: { fileSize: MAX_UPLOAD_BYTES, files: MAX_FILES_PER_UPLOAD, fields: 40, fieldSize: 64 * 1024, parts: MAX_FILES_PER_UPLOAD + 40 },
}).array('files', MAX_FILES_PER_UPLOAD);

/**
 * Stream a multipart upload to temporary files on disk (never into memory). A request that
 * announces more than the largest file allowed is refused before a byte is read; one that
 * turns out bigger while streaming is cut off, and multer removes what it had written.
 */
export function receiveUpload(req: Request, res: Response): Promise<ReceivedUpload> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_UPLOAD_BYTES + FRAMING_BYTES) {
    return Promise.reject(new UploadRefused(413, 'bank.refused.request_too_large', { limit: Math.round(MAX_UPLOAD_BYTES / 1024 / 1024) }));
  }
  return new Promise((resolve, reject) => {
    upload(req, res, (err: unknown) => {
      if (err instanceof MulterError) {
        if (err.code === 'LIMIT_FILE_SIZE') return reject(new UploadRefused(413, 'bank.refused.request_too_large', { limit: Math.round(MAX_UPLOAD_BYTES / 1024 / 1024) }));
        if (err.code === 'LIMIT_FILE_COUNT' || err.code === 'LIMIT_PART_COUNT') return reject(new UploadRefused(413, 'bank.refused.too_many', { max: MAX_FILES_PER_UPLOAD }));
        return reject(new UploadRefused(400, 'bank.refused.malformed'));
      }
      if (err) return reject(new UploadRefused(400, 'bank.refused.malformed'));
      resolve({ files: (req.files as Express.Multer.File[]) ?? [], body: (req.body as Record<string, unknown>) ?? {} });
    });
  });
}
