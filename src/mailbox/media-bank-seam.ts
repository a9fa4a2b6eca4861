import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../audit/audit-actor';
import { FileStorage } from '../storage/file-storage';
import { FieldError } from '../common/forms';
import { APP_CONFIG, AppConfig } from '../config/config';
import { UploadDto } from '../media-bank/dto/asset.dto';
import { MediaBankService } from '../media-bank/media-bank.service';
import { formatInstant } from '../common/local-time';

export interface MailFileForBank {
  /** Key in FileStorage (src/storage/), where the mailbox keeps the attachment. */
  storageKey: string;
  filename: string;
  contentType: string;
  size: number;
  /** Where it came from, for the bank entry's credits/notes. */
  source: { mailMessageId: number; from: string | null; subject: string; receivedAt: Date };
}

/** The note a bank entry carries of the email it came from (the office's own words: stored content, in Spanish). */
export function mailCaption(source: MailFileForBank['source'], timeZone: string): string {
  const when = formatInstant(source.receivedAt, timeZone);
  return `Recibido por correo de ${source.from ?? 'remitente desconocido'} el ${when}: «${source.subject}».`.slice(0, 2000);
}

/**
 * "Save its attachments to the media bank": each kept attachment goes through the bank's
 * own intake (checked by content, metadata read, web copy and thumbnail made), in the
 * mailbox's transaction. Files the bank does not take (a spreadsheet, say) are skipped;
 * if none is taken, nothing is saved and the person is told why.
 */
@Injectable()
export class MediaBankSeam {
  constructor(
    private readonly bank: MediaBankService,
    private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get available(): boolean {
    return true;
  }

  async save(files: MailFileForBank[], actor: Actor, m: EntityManager): Promise<number[]> {
    const ids: number[] = [];
    for (const f of files) {
      const data = await this.storage.read(f.storageKey);
      // Credited to the sender, for institutional use only until someone in the office says otherwise.
      const meta = Object.assign(new UploadDto(), { caption: mailCaption(f.source, this.config.TIMEZONE), tags: 'correo', credit: f.source.from?.slice(0, 150), rights: 'institutional' });
      const r = await this.bank.ingestBuffer(data, f.filename, meta, actor, m);
      if (r.ok) ids.push(r.asset.id);
    }
    if (!ids.length) throw new FieldError('action', 'mailbox.error.no_bank_files');
    return ids;
  }
}
