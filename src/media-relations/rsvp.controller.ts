import { Body, Controller, Get, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../common/access.decorators';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { InvitationsService, MAX_ATTENDEES } from './invitations.service';

/** The journalist's personal link: confirm or decline, and say how many will come. No login. */
@Controller('invitacion')
@Public()
export class RsvpController {
  constructor(private readonly invitations: InvitationsService) {}

  private async model(invitationId: number, token: string) {
    const { recipient, invitation, event } = await this.invitations.byLink(invitationId, token);
    return {
      title: 'media.rsvp.title',
      invitation: { subject: invitation.subject, body: invitation.body },
      recipient: { name: recipient.name, outletName: recipient.outletName, response: recipient.response, attendees: recipient.attendees, responseLabel: `media.rsvp.response.${recipient.response}` },
      event: plain({ title: event.title, startsAt: event.startsAt, place: event.place, address: event.address, cancelled: event.status === 'cancelled' }),
      action: `/invitacion/${invitationId}/${token}`,
      maxAttendees: MAX_ATTENDEES,
      headExtra: '<meta name="robots" content="noindex">',
    };
  }

  @Get(':invitationId/:token')
  async page(@Param('invitationId', ParseIntPipe) invitationId: number, @Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    res.setHeader('Referrer-Policy', 'no-referrer');
    const m = await this.model(invitationId, token);
    render(res, 'media-relations/rsvp', { ...m, done: req.query.listo === '1', values: { response: m.recipient.response === 'declined' ? 'declined' : 'confirmed', attendees: m.recipient.attendees || 1 }, errors: {} });
  }

  @Post(':invitationId/:token')
  async answer(@Param('invitationId', ParseIntPipe) invitationId: number, @Param('token') token: string, @Body() body: Record<string, string>, @Req() req: Request, @Res() res: Response) {
    const response = body?.response === 'declined' ? 'declined' : body?.response === 'confirmed' ? 'confirmed' : null;
    const attendees = /^\d{1,3}$/.test(body?.attendees ?? '') ? Number(body.attendees) : NaN;
    const values = { response: body?.response, attendees: body?.attendees };
    if (!response) return renderInvalid(res, 'media-relations/rsvp', await this.model(invitationId, token), values, { response: 'media.rsvp.error.response' });
    const r = await orFieldError(() => this.invitations.answerByLink(invitationId, token, response, response === 'confirmed' ? attendees : 0, req.ip ?? null));
    if (!r.ok) return renderInvalid(res, 'media-relations/rsvp', await this.model(invitationId, token), values, r.errors);
    res.redirect(303, `/invitacion/${invitationId}/${token}?listo=1`);
  }
}
