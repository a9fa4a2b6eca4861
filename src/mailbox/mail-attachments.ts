import { fromBuffer } from 'file-type';

/** An attachment above this is refused with a note (the message and its other files are kept). */
export const MAX_MAIL_ATTACHMENT_BYTES = 15 * 1024 * 1024;

/** What the office may open safely, by content (file-type), with the extension it is stored under. */
export const MAIL_ALLOWED_TYPES: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'audio/mpeg': 'mp3',
  'video/mp4': 'mp4',
};
/** Files without a signature, accepted when they are really text. */
const TEXT_TYPES: Record<string, string> = { 'text/plain': 'txt', 'text/csv': 'csv', 'text/calendar': 'ics' };

const EXECUTABLE = /x-msdownload|x-dosexec|portable-executable|x-elf|x-executable|x-mach-binary|x-msi|java-archive|android\.package|x-sharedlib|x-apple-diskimage|x-ms-shortcut/;

export type MailAttachmentCheck =
  | { ok: true; contentType: string; ext: string; detectedType: string | null }
  | { ok: false; reason: 'too_big' | 'executable' | 'type' | 'empty'; detectedType: string | null };

/** Check one attachment by its content, never by its name or declared type. */
export async function checkMailAttachment(content: Buffer | null, size: number, declaredType: string): Promise<MailAttachmentCheck> {
  if (size > MAX_MAIL_ATTACHMENT_BYTES) return { ok: false, reason: 'too_big', detectedType: null };
  if (!content || content.length === 0) return { ok: false, reason: 'empty', detectedType: null };
  const type = await fromBuffer(content);
  if (type) {
    if (EXECUTABLE.test(type.mime)) return { ok: false, reason: 'executable', detectedType: type.mime };
    const ext = MAIL_ALLOWED_TYPES[type.mime];
    return ext ? { ok: true, contentType: type.mime, ext, detectedType: type.mime } : { ok: false, reason: 'type', detectedType: type.mime };
  }
  const declared = declaredType.toLowerCase().split(';')[0].trim();
  if (TEXT_TYPES[declared] && looksLikeText(content)) return { ok: true, contentType: declared, ext: TEXT_TYPES[declared], detectedType: null };
  // A script (#!/bin/sh, a .bat) has no signature: it is refused like any other unknown type.
  return { ok: false, reason: 'type', detectedType: null };
}

function looksLikeText(b: Buffer): boolean {
  if (b.includes(0)) return false;
  const head = b.subarray(0, 512).toString('latin1');
  if (/^(#!|MZ|@echo off)/i.test(head)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b.subarray(0, 64 * 1024));
    return true;
  } catch {
    return /^[\x09\x0a\x0d\x20-\x7e\xa0-\xff]*$/.test(head);
  }
}

export function safeFilename(name: string | null | undefined): string {
  const clean = (name ?? '').normalize('NFC').replace(/[\\/\u0000-\u001f\u202a-\u202e\u2066-\u2069]/g, '_').trim();
  return (clean || 'adjunto').slice(-120);
}
