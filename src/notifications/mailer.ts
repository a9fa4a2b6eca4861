import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { APP_CONFIG, AppConfig } from '../config/config';
import { FileStorage } from '../storage/file-storage';

export interface EmailAttachment {
  filename: string;
  contentType?: string;
  /** base64 of the content (small files such as a PDF receipt or an .ics). */
  contentBase64?: string;
  /** or the key of a stored file (see src/storage/), read when sending. */
  storageKey?: string;
}

export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string;
  replyTo?: string;
  attachments?: EmailAttachment[];
  headers?: Record<string, string>;
  /** A Message-ID chosen in advance, so that replies can be threaded back. */
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  /** Strings only the recipient may read (a tracking code): never shown to staff, erased once sent. */
  secrets?: string[];
}

/** The message with its secrets masked, for any eyes but the recipient's. */
export function redactSecrets<T extends { text?: unknown; html?: unknown; secrets?: unknown }>(payload: T): T {
  const secrets = Array.isArray(payload.secrets) ? (payload.secrets as unknown[]).filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
  if (!secrets.length) return payload;
  const mask = (v: unknown) => (typeof v === 'string' ? secrets.reduce((acc, sec) => acc.split(sec).join('••••••'), v) : v);
  const { secrets: _drop, ...rest } = payload as T & { secrets?: unknown };
  return { ...(rest as T), text: mask(payload.text), html: mask(payload.html) };
}

export class PermanentDeliveryError extends Error {}

/** nodemailer over SMTP, configured by SMTP_URL. Without it, emails wait in the outbox ("held"). */
@Injectable()
export class Mailer implements OnModuleDestroy {
  private readonly logger = new Logger(Mailer.name);
  private transport?: Transporter;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: FileStorage,
  ) {
    if (config.SMTP_URL) {
      // A pool: connections are opened once and reused for message after message (at most
      // SMTP_MAX_CONNECTIONS at a time), instead of one TCP + TLS + AUTH handshake per email.
      const url = new URL(config.SMTP_URL);
      url.searchParams.set('pool', 'true');
      url.searchParams.set('maxConnections', String(config.SMTP_MAX_CONNECTIONS));
      this.transport = nodemailer.createTransport(url.toString(), { from: config.MAIL_FROM });
    }
  }

  get configured(): boolean {
    return !!this.transport;
  }

  async send(msg: EmailMessage): Promise<{ messageId: string; response: string }> {
    if (!this.transport) throw new Error('SMTP no configurado');
    try {
      const info = await this.transport.sendMail({
        from: this.config.MAIL_FROM,
        to: msg.to,
        subject: msg.subject,
        text: msg.text,
        html: msg.html,
        replyTo: msg.replyTo,
        headers: msg.headers,
        messageId: msg.messageId,
        inReplyTo: msg.inReplyTo,
        references: msg.references,
        attachments: await Promise.all(
          (msg.attachments ?? []).map(async (a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: a.contentBase64 ? Buffer.from(a.contentBase64, 'base64') : await this.storage.open(a.storageKey!),
          })),
        ),
      });
      return { messageId: String(info.messageId), response: String(info.response ?? '') };
    } catch (e) {
      const err = e as { responseCode?: number; message: string };
      // 5xx answers (unknown mailbox, rejected content) will not get better by retrying.
      if (err.responseCode && err.responseCode >= 500 && err.responseCode < 600) throw new PermanentDeliveryError(err.message);
      throw e;
    }
  }

  onModuleDestroy() {
    this.transport?.close();
  }
}
