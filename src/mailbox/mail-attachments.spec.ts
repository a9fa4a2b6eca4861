import { checkMailAttachment, MAX_MAIL_ATTACHMENT_BYTES, safeFilename } from './mail-attachments';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

describe('checkMailAttachment', () => {
  it('accepts a PDF by its content', async () => {
    expect(await checkMailAttachment(PDF, PDF.length, 'application/octet-stream')).toMatchObject({ ok: true, contentType: 'application/pdf', ext: 'pdf' });
  });
  it('refuses a program that calls itself a PDF', async () => {
    expect(await checkMailAttachment(EXE, EXE.length, 'application/pdf')).toMatchObject({ ok: false, reason: 'executable' });
  });
  it('refuses what is too big before looking at it', async () => {
    expect(await checkMailAttachment(PDF, MAX_MAIL_ATTACHMENT_BYTES + 1, 'application/pdf')).toMatchObject({ ok: false, reason: 'too_big' });
  });
  it('accepts real text declared as text, and refuses a script', async () => {
    expect(await checkMailAttachment(Buffer.from('nombre,colonia\nAna,Centro\n'), 25, 'text/csv')).toMatchObject({ ok: true, ext: 'csv' });
    expect(await checkMailAttachment(Buffer.from('#!/bin/sh\nrm -rf /\n'), 20, 'text/plain')).toMatchObject({ ok: false, reason: 'type' });
    expect(await checkMailAttachment(Buffer.from([1, 2, 0, 4]), 4, 'text/plain')).toMatchObject({ ok: false, reason: 'type' });
  });
  it('cleans file names', () => {
    expect(safeFilename('../../etc/passwd')).toBe('.._.._etc_passwd');
    expect(safeFilename('factura\u202Efdp.exe')).toBe('factura_fdp.exe');
    expect(safeFilename('')).toBe('adjunto');
  });
});
