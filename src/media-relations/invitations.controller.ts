import { Body, Controller, Get, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { FieldErrors } from '../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { toIdList } from './dto/media.dto';
import { TEMPLATE_FIELDS } from './invitation-template';
import { InvitationsService, MAX_ATTENDEES } from './invitations.service';
import { MediaDirectoryService } from './media-directory.service';

const ids = (v: unknown) => (toIdList({ value: v }) as unknown[]).filter((x): x is number => typeof x === 'number');

/** /medios/invitaciones: the template, sending per event, and each event's board. */
@Controller('medios/invitaciones')
@Roles('press')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly directory: MediaDirectoryService,
  ) {}

  @Get()
  async list(@Res() res: Response) {
    render(res, 'media-relations/invitations', { title: 'media.invitations.title', tab: 'invitations', invitations: plain(await this.invitations.list()) });
  }

  @Get('plantilla')
  async templateForm(@Res() res: Response) {
    render(res, 'media-relations/invitation-template', { title: 'media.invitations.template_title', tab: 'invitations', values: await this.invitations.template(), fields: TEMPLATE_FIELDS, errors: {} });
  }

  @Post('plantilla')
  async saveTemplate(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const subject = typeof body?.subject === 'string' ? body.subject.trim() : '';
    const text = typeof body?.body === 'string' ? body.body.replace(/\r\n/g, '\n').trim() : '';
    const model = { title: 'media.invitations.template_title', tab: 'invitations', fields: TEMPLATE_FIELDS };
    const errors: FieldErrors = {};
    if (subject.length < 3 || subject.length > 200) errors.subject = 'media.invitations.error.subject';
    if (text.length < 10 || text.length > 8000) errors.body = 'media.invitations.error.body';
    if (Object.keys(errors).length) return renderInvalid(res, 'media-relations/invitation-template', model, { subject, body: text }, errors);
    const r = await orFieldError(() => this.invitations.saveTemplate(subject, text, actorFrom(req)));
    if (!r.ok) return renderInvalid(res, 'media-relations/invitation-template', model, { subject, body: text }, r.errors);
    flash(req, 'success', 'media.flash.template_saved');
    res.redirect(303, '/medios/invitaciones/plantilla');
  }

  private async eventPage(eventId: number, res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const event = await this.invitations.event(eventId);
    const board = await this.invitations.board(eventId);
    render(
      res,
      'media-relations/invitation-event',
      {
        title: 'media.invitations.event_title',
        tab: 'invitations',
        event: plain(event),
        preview: await this.invitations.preview(eventId),
        board: plain({ ...board, rows: board.rows.map((r) => ({ ...r, responseLabel: `media.rsvp.response.${r.response}`, viaLabel: r.respondedVia ? `media.rsvp.via.${r.respondedVia}` : null })) }),
        lists: plain(await this.directory.lists()),
        contacts: plain(await this.directory.contacts({ includeDoNotContact: false })).filter((c) => c.email),
        maxAttendees: MAX_ATTENDEES,
        canSend: event.status === 'scheduled',
        values: { listIds: [], contactIds: [] },
        errors: {},
        ...extra,
      },
      status,
    );
  }

  @Get('evento/:eventId')
  async event(@Param('eventId', ParseIntPipe) eventId: number, @Res() res: Response) {
    await this.eventPage(eventId, res);
  }

  @Get('evento/:eventId/pdf')
  async pdf(@Param('eventId', ParseIntPipe) eventId: number, @Res() res: Response) {
    const pdf = await this.invitations.pdf(eventId);
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename="invitacion-evento-${eventId}.pdf"`);
    res.send(pdf);
  }

  @Post('evento/:eventId/enviar')
  async send(@Param('eventId', ParseIntPipe) eventId: number, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const selection = { listIds: ids(body?.listIds), contactIds: ids(body?.contactIds) };
    const values = { listIds: selection.listIds.map(String), contactIds: selection.contactIds.map(String) };
    const r = await orFieldError(() => this.invitations.send(eventId, selection, actorFrom(req)));
    if (!r.ok) return this.eventPage(eventId, res, 422, { values, errors: r.errors, hasErrors: true });
    flash(req, 'success', 'media.flash.invitations_sent');
    res.redirect(303, `/medios/invitaciones/evento/${eventId}`);
  }

  @Post('evento/:eventId/cerrar')
  async close(@Param('eventId', ParseIntPipe) eventId: number, @Req() req: Request, @Res() res: Response) {
    await this.invitations.closeConfirmations(eventId, actorFrom(req));
    flash(req, 'success', 'media.flash.confirmations_closed');
    res.redirect(303, `/medios/invitaciones/evento/${eventId}`);
  }

  @Post('respuestas/:id')
  async record(@Param('id', ParseIntPipe) id: number, @Body() body: Record<string, string>, @Req() req: Request, @Res() res: Response) {
    const response = body?.response === 'declined' ? 'declined' : 'confirmed';
    const via = body?.via === 'in_person' ? 'in_person' : body?.via === 'email' ? 'email' : 'phone';
    const attendees = /^\d{1,3}$/.test(body?.attendees ?? '') ? Number(body.attendees) : response === 'confirmed' ? NaN : 0;
    const r = await orFieldError(() => this.invitations.recordAnswer(id, { response, attendees, via, note: body?.note }, actorFrom(req)));
    if (!r.ok) {
      flash(req, 'error', 'media.rsvp.error.attendees');
      const eventId = Number(body?.eventId);
      return res.redirect(303, Number.isInteger(eventId) ? `/medios/invitaciones/evento/${eventId}` : '/medios/invitaciones');
    }
    flash(req, 'success', 'media.flash.answer_recorded');
    res.redirect(303, `/medios/invitaciones/evento/${r.value.eventId}#tablero`);
  }

  @Post('asistencia/:id')
  async attended(@Param('id', ParseIntPipe) id: number, @Body('attended') attended: string, @Req() req: Request, @Res() res: Response) {
    const eventId = await this.invitations.setAttended(id, attended === '1', actorFrom(req));
    res.redirect(303, `/medios/invitaciones/evento/${eventId}#tablero`);
  }
}
