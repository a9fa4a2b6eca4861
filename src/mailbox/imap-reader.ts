import { Inject, Injectable } from '@nestjs/common';
import { ImapFlow } from 'imapflow';
import { APP_CONFIG, AppConfig } from '../config/config';

/** Above this a message is not downloaded whole: its headers are read and it is listed as too large. */
export const MAX_MESSAGE_BYTES = 40 * 1024 * 1024;

export interface FetchedMessage {
  uid: number;
  size: number;
  /** The whole message, or only its headers when it is too large. */
  source: Buffer;
  headersOnly: boolean;
}

/**
 * Reads the official mailbox over IMAP (imapflow). The folder is opened read-only (EXAMINE):
 * nothing is deleted, moved or even marked as read on the server. Only UIDs above the last
 * one taken in are fetched, one message at a time, each handed to `onMessage` before the
 * next is fetched (so a crash midway loses nothing and repeats nothing).
 */
@Injectable()
export class ImapReader {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get configured(): boolean {
    return !!(this.config.IMAP_HOST && this.config.IMAP_USER && this.config.IMAP_PASSWORD);
  }

  get folder(): string {
    return this.config.IMAP_FOLDER;
  }

  /**
   * Fetch what is new since `since`. If the server's UIDVALIDITY changed, UIDs start over:
   * everything is fetched again (the caller skips what it already has by Message-ID).
   */
  async read(since: { uidValidity: string | null; lastUid: number }, onMessage: (uidValidity: string, m: FetchedMessage) => Promise<void>): Promise<{ uidValidity: string; fetched: number }> {
    const c = this.config;
    const client = new ImapFlow({
      host: c.IMAP_HOST!,
      port: c.IMAP_PORT,
      secure: c.IMAP_SECURE,
      auth: { user: c.IMAP_USER!, pass: c.IMAP_PASSWORD! },
      logger: false,
      connectionTimeout: 20_000,
      greetingTimeout: 15_000,
      socketTimeout: 120_000,
      // With IMAP_SECURE=false imapflow still upgrades with STARTTLS when the server offers it.
    });
    // A dropped connection emits 'error': caught here so that it never reaches the process.
    let failure: Error | undefined;
    client.on('error', (e: Error) => (failure = e));
    await client.connect();
    let fetched = 0;
    try {
      const lock = await client.getMailboxLock(this.folder, { readOnly: true });
      try {
        const box = client.mailbox;
        if (!box) throw new Error(`No se pudo abrir la carpeta ${this.folder}`);
        const uidValidity = String(box.uidValidity);
        const from = since.uidValidity === uidValidity ? since.lastUid + 1 : 1;
        if (!box.exists) return { uidValidity, fetched };
        const found = await client.search({ uid: `${from}:*` }, { uid: true });
        // "n:*" always matches the last message, even below n: keep only the new ones.
        const uids = (found || []).filter((u) => u >= from).sort((a, b) => a - b);
        for (const uid of uids) {
          if (failure) throw failure;
          const meta = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
          if (!meta) continue;
          const size = meta.size ?? 0;
          const headersOnly = size > MAX_MESSAGE_BYTES;
          const msg = await client.fetchOne(String(uid), headersOnly ? { uid: true, headers: true } : { uid: true, source: true }, { uid: true });
          if (!msg) continue;
          const source = headersOnly ? (msg.headers ?? Buffer.alloc(0)) : (msg.source ?? Buffer.alloc(0));
          await onMessage(uidValidity, { uid, size, source, headersOnly });
          fetched++;
        }
        return { uidValidity, fetched };
      } finally {
        lock.release();
      }
    } finally {
      await client.logout().catch(() => client.close());
    }
  }
}
