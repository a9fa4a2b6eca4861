import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit-actor';

export interface MailFileForBank {
  /** Key in FileStorage (src/common/file-storage.ts), where the mailbox keeps the attachment. */
  storageKey: string;
  filename: string;
  contentType: string;
  size: number;
  /** Where it came from, for the bank entry's credits/notes. */
  source: { mailMessageId: number; from: string | null; subject: string; receivedAt: Date };
}

/**
 * THE SEAM for "save its attachments to the media bank". The media bank (src/media-bank/)
 * is built on another branch; when it lands, the merge wires it here and nowhere else:
 *
 *   1. inject the media bank's service in this class's constructor;
 *   2. make `available` return true;
 *   3. implement `save()` by creating one bank entry per file from its `storageKey`
 *      (same FileStorage, so the bytes need not move), in the transaction `m`.
 *
 * MailboxService.saveToMediaBank() already does the rest (role check, which files, audit
 * "mailbox.to_media_bank", the note on the message), and the message page shows the button
 * as soon as `available` is true. Until then the button is not shown and the route refuses.
 */
@Injectable()
export class MediaBankSeam {
  get available(): boolean {
    return false;
  }

  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  async save(_files: MailFileForBank[], _actor: Actor, _m: EntityManager): Promise<number[]> {
    throw new Error('El banco de medios todavía no está disponible');
  }
}
