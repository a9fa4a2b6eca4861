import { Controller, Get, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { plain, render } from '../common/render';
import { Mailer, redactSecrets } from './mailer';
import { mayReadOutboxEntry, outboxPrefixesFor } from './outbox-audience';
import { OutboxStatus } from './outbox-entry.entity';
import { OutboxService } from './outbox.service';
import { OutboxWorker } from './outbox.worker';
import { mailErrorKey } from './mail-errors';

const STATUSES: OutboxStatus[] = ['pending', 'sent', 'failed', 'held'];

/** "Correo saliente": everything Cabildo has sent or is about to send, with every try. */
@Controller('correo/saliente')
@Roles('admin', 'attention', 'press')
export class OutboxController {
  constructor(
    private readonly outbox: OutboxService,
    private readonly worker: OutboxWorker,
    private readonly mailer: Mailer,
  ) {}

  @Get()
  async list(@Query('estado') estado: string | undefined, @Query('antes') antes: string | undefined, @Req() req: Request, @Res() res: Response) {
    // Each role reads only the mail of its own work (a citizen's receipt is not the press office's).
    const prefixes = outboxPrefixesFor(actorFrom(req).role);
    const status = STATUSES.includes(estado as OutboxStatus) ? (estado as OutboxStatus) : undefined;
    const beforeId = /^\d{1,18}$/.test(antes ?? '') ? antes : undefined;
    const rows = await this.outbox.list({ status, beforeId, limit: 51, prefixes });
    const entries = rows.slice(0, 50).map((r) => ({ ...r, statusLabel: `outbox.status.${r.status}`, lastErrorKey: mailErrorKey(r.lastError) }));
    const counts = await this.outbox.countByStatus(prefixes);
    render(res, 'notifications/outbox', {
      title: 'outbox.title',
      entries: plain(entries),
      statuses: STATUSES.map((s) => ({ value: s, label: `outbox.status.${s}`, count: counts[s] ?? 0, current: s === status })),
      status,
      smtpConfigured: this.mailer.configured,
      next: rows.length > 50 ? `?${status ? `estado=${status}&` : ''}antes=${entries[entries.length - 1].id}` : null,
    });
  }

  @Get(':id')
  async show(@Param('id') id: string, @Req() req: Request, @Res() res: Response) {
    if (!/^\d{1,18}$/.test(id)) throw new NotFoundException();
    const entry = await this.outbox.get(id);
    if (!entry || !mayReadOutboxEntry(actorFrom(req).role, entry.reference)) throw new NotFoundException();
    const p = redactSecrets(entry.payload as { to?: string; subject?: string; text?: string; html?: string; secrets?: string[]; attachments?: { filename: string }[] });
    render(res, 'notifications/outbox-entry', {
      title: 'outbox.entry_title',
      entry: { id: entry.id, kind: entry.kind, reference: entry.reference, status: entry.status, statusLabel: `outbox.status.${entry.status}`, attempts: entry.attempts, lastError: entry.lastError, lastErrorKey: mailErrorKey(entry.lastError), createdAt: entry.createdAt, sentAt: entry.sentAt, to: p.to, subject: p.subject, text: p.text, attachments: (p.attachments ?? []).map((a) => a.filename) },
      tries: plain((await this.outbox.attempts(id)).map((a) => ({ ...a, detailKey: a.ok ? null : mailErrorKey(a.detail) }))),
    });
  }

  @Post('enviar')
  async sendNow(@Req() req: Request, @Res() res: Response) {
    const n = await this.worker.drain(5);
    flash(req, n > 0 ? 'success' : 'info', n > 0 ? 'outbox.flash.sent_now' : 'outbox.flash.nothing_due');
    res.redirect(303, '/correo/saliente');
  }
}
