import { Body, Controller, Get, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import type { SessionUser } from '../auth/users.service';
import { Public, Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { Mailer } from '../notifications/mailer';
import { PUBLICATION_EXCEPTIONS } from '../common/publication-gate';
import { orFieldError, plain, render } from '../common/render';
import { DistributionService } from './distribution.service';
import { PressReleasesService } from './press-releases.service';

const ids = (raw: unknown): number[] => [...new Set((Array.isArray(raw) ? raw : raw == null ? [] : [raw]).map(String).filter((s) => /^\d{1,9}$/.test(s)).map(Number))];

@Controller()
export class DistributionController {
  constructor(
    private readonly distribution: DistributionService,
    private readonly releases: PressReleasesService,
    private readonly mailer: Mailer,
  ) {}

  @Get('comunicados/:id/envio')
  @Roles('press', 'director')
  async board(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const r = await this.releases.get(id);
    const template = await this.releases.template();
    const board = await this.distribution.board(id);
    const contacts = await this.distribution.contacts();
    const role = (req.user as SessionUser).role;
    render(
      res,
      'press-releases/distribution',
      {
        title: 'distribution.title',
        release: plain({ id: r.id, title: r.title, status: r.status, statusLabel: `releases.status.${r.status}`, numberLabel: this.releases.numberLabel(r, template.numberPrefix), canSend: ['approved', 'sent', 'published'].includes(r.status) && this.releases.embargoPassed(r) && ['press', 'director'].includes(role), embargoed: !this.releases.embargoPassed(r), embargoUntil: r.embargoUntil }),
        board: plain({ ...board, rows: board.rows.map((d) => ({ ...d, statusLabel: d.status === 'queued' && !this.mailer.configured ? 'distribution.status.held' : `distribution.status.${d.status}` })) }),
        // No mail server: what is "en cola" is not going anywhere yet; say so, and where it waits.
        mailWaits: !this.mailer.configured && board.counts.queued > 0 ? board.counts.queued : 0,
        lists: plain(await this.distribution.lists()),
        contacts: plain(contacts.filter((c) => c.email).map((c) => ({ id: c.id, name: c.name, outletName: c.outletName, doNotContact: c.doNotContact }))),
        values: { listIds: [], contactIds: [] },
        exceptionOptions: PUBLICATION_EXCEPTIONS.map((v) => ({ value: v, label: `blackout.exception.${v}` })),
        errors: {},
        ...extra,
      },
      status,
    );
  }

  @Post('comunicados/:id/envio')
  @Roles('press', 'director')
  async send(@Param('id', ParseIntPipe) id: number, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null);
    const selection = { listIds: ids(body.listIds), contactIds: ids(body.contactIds), exception: text(body.exception), exceptionReason: text(body.exceptionReason) };
    const result = await orFieldError(() => this.distribution.send(id, selection, actorFrom(req)));
    if (!result.ok) return this.board(id, req, res, 422, { values: { listIds: selection.listIds.map(String), contactIds: selection.contactIds.map(String), exception: selection.exception, exceptionReason: selection.exceptionReason }, errors: result.errors, hasErrors: true });
    if (result.value.queued > 0 && !this.mailer.configured) flash(req, 'warning', 'distribution.flash.held');
    else flash(req, 'success', result.value.queued > 0 ? 'distribution.flash.queued' : 'distribution.flash.nothing_new');
    res.redirect(303, `/comunicados/${id}/envio`);
  }

  @Post('comunicados/:id/envio/:deliveryId/telefono')
  @Roles('press', 'director')
  async phone(@Param('id', ParseIntPipe) id: number, @Param('deliveryId', ParseIntPipe) deliveryId: number, @Body('note') note: string | undefined, @Req() req: Request, @Res() res: Response) {
    await this.distribution.confirmByPhone(id, deliveryId, typeof note === 'string' ? note : undefined, actorFrom(req));
    flash(req, 'success', 'distribution.flash.phone');
    res.redirect(303, `/comunicados/${id}/envio`);
  }

  @Post('comunicados/:id/envio/:deliveryId/reenviar')
  @Roles('press', 'director')
  async retry(@Param('id', ParseIntPipe) id: number, @Param('deliveryId', ParseIntPipe) deliveryId: number, @Req() req: Request, @Res() res: Response) {
    await this.distribution.retry(id, deliveryId, actorFrom(req));
    flash(req, 'success', 'distribution.flash.retry');
    res.redirect(303, `/comunicados/${id}/envio`);
  }

  /** The "recibido" link of the email. Opening it shows a button: link scanners that open every link do not confirm. */
  @Get('recibido/:token')
  @Public()
  async receivedPage(@Param('token') token: string, @Res() res: Response) {
    const d = await this.distribution.byToken(token);
    const r = await this.releases.get(d.releaseId);
    const template = await this.releases.template();
    render(res, 'newsroom/received', { title: 'distribution.received.title', token, confirmed: d.status === 'confirmed', name: d.name, releaseTitle: r.title, numberLabel: this.releases.numberLabel(r, template.numberPrefix) });
  }

  @Post('recibido/:token')
  @Public()
  async received(@Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    await this.distribution.confirmByLink(token);
    res.redirect(303, `/recibido/${token}`);
  }
}
