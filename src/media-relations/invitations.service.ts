import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { I18nService } from 'nestjs-i18n';
import { DataSource, EntityManager } from 'typeorm';
import { AgendaEventsService } from '../agenda/agenda-events.service';
import { AgendaNotices } from '../agenda/agenda-notices';
import { AgendaRouteService } from '../agenda/agenda-route.service';
import { EventRow } from '../agenda/agenda.repository';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FieldError } from '../common/forms';
import { UserFacingError } from '../common/http-exception.filter';
import { APP_CONFIG, AppConfig } from '../config/config';
import { OutboxService } from '../notifications/outbox.service';
import { RsvpChannel } from './invitation-recipient.entity';
import { invitationPdf } from './invitation-pdf';
import { DEFAULT_TEMPLATE, renderTemplate, TemplateFields, unknownPlaceholders } from './invitation-template';
import { InvitationsRepository } from './invitations.repository';
import { MediaDirectoryService } from './media-directory.service';
import { formatInstant, formatTime } from '../common/local-time';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const MAX_ATTENDEES = 20;

export interface Board {
  rows: Awaited<ReturnType<InvitationsRepository['board']>>;
  invited: number;
  confirmed: number;
  declined: number;
  pending: number;
  attended: number;
  attendees: number;
}

/**
 * Media invitations: the template, the sending (through the outbox, each recipient with a
 * personal unguessable link), the answers and the per-event board.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: InvitationsRepository,
    private readonly directory: MediaDirectoryService,
    private readonly events: AgendaEventsService,
    private readonly route: AgendaRouteService,
    private readonly notices: AgendaNotices,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly i18n: I18nService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private t(key: string, args: Record<string, unknown> = {}) {
    return this.i18n.t(key, { lang: 'es', args }) as string;
  }

  async template(manager?: EntityManager): Promise<{ subject: string; body: string }> {
    const row = await this.repo.template(manager);
    return row ? { subject: row.subject, body: row.body } : DEFAULT_TEMPLATE;
  }

  async saveTemplate(subject: string, body: string, actor: Actor): Promise<void> {
    const bad = unknownPlaceholders(`${subject}\n${body}`);
    if (bad.length) throw new FieldError('body', 'media.invitations.error.unknown_placeholder');
    await this.dataSource.transaction(async (m) => {
      await this.repo.saveTemplate({ subject, body, updatedById: actor.userId }, m);
      await this.audit.record(actor, { action: 'invitation_template.update', entityType: 'invitation_template', entityId: 1 }, m);
    });
  }

  fields(e: EventRow): TemplateFields {
    const tz = this.config.TIMEZONE;
    const start = new Date(e.startsAt);
    return {
      titulo: e.title,
      fecha: formatInstant(start, tz, { date: 'full', time: null }),
      hora: e.allDay ? this.t('agenda.all_day') : `${formatTime(start, tz)} h`,
      lugar: e.place ?? '',
      domicilio: e.address ?? '',
      dependencia: e.departmentName,
      descripcion: e.description ?? '',
      municipio: this.config.MUNICIPALITY_NAME,
    };
  }

  async event(eventId: number): Promise<EventRow> {
    const e = await this.events.row(eventId);
    if (!e) throw new NotFoundException();
    return e;
  }

  /** The invitation for an event, as it will read. */
  async preview(eventId: number): Promise<{ subject: string; body: string }> {
    const e = await this.event(eventId);
    const tpl = await this.template();
    const f = this.fields(e);
    return { subject: renderTemplate(tpl.subject, f), body: renderTemplate(tpl.body, f) };
  }

  async pdf(eventId: number): Promise<Buffer> {
    const p = await this.preview(eventId);
    return invitationPdf({ townHall: this.t('app.town_hall'), municipality: this.config.MUNICIPALITY_NAME, subject: p.subject, body: p.body, footer: `${this.config.PUBLIC_URL}` });
  }

  /**
   * Send the invitation to the lists and contacts chosen (never "no contactar", never twice to
   * the same contact for the same event). Ticks "invitar a medios". Returns how many were invited.
   */
  async send(eventId: number, selection: { listIds: number[]; contactIds: number[] }, actor: Actor, manager?: EntityManager): Promise<number> {
    const run = async (m: EntityManager) => {
      const e = await this.events.row(eventId, m);
      if (!e) throw new NotFoundException();
      if (e.status !== 'scheduled') throw new FieldError('listIds', 'media.invitations.error.not_scheduled');
      const already = await this.repo.invitedContactIds(eventId, m);
      const recipients = (await this.directory.listRecipients(m, selection)).filter((r) => !already.has(r.id));
      if (!recipients.length) throw new FieldError('listIds', already.size ? 'media.invitations.error.all_invited' : 'media.invitations.error.no_recipients');
      const tpl = await this.template(m);
      const f = this.fields(e);
      const subject = renderTemplate(tpl.subject, f).slice(0, 200);
      const body = renderTemplate(tpl.body, f);
      const inv = await this.repo.saveInvitation({ eventId, subject, body, createdById: actor.userId }, m);
      const ics = Buffer.from(this.notices.ics({ ...e, startsAt: new Date(e.startsAt), endsAt: new Date(e.endsAt) }, 'publish'), 'utf8').toString('base64');
      for (const r of recipients) {
        const token = randomBytes(24).toString('base64url');
        const rec = await this.repo.saveRecipient({ invitationId: inv.id, contactId: r.id, name: r.name, email: r.email, outletName: r.outletName, tokenHash: sha256(token) }, m);
        const link = `${this.config.PUBLIC_URL}/invitacion/${inv.id}/${token}`;
        await this.outbox.enqueueEmail(
          m,
          {
            to: r.email,
            subject,
            text: `${this.t('media.invitations.mail.greeting', { name: r.name })}\n\n${body}\n\n${this.t('media.invitations.mail.rsvp', { link })}\n`,
            attachments: [{ filename: 'evento.ics', contentType: 'text/calendar; charset=utf-8', contentBase64: ics }],
            secrets: [token],
          },
          `invitation:${inv.id}:recipient:${rec.id}`,
        );
      }
      await this.route.markRouteStep(m, eventId, 'invite_media', actor, 'invitations');
      await this.audit.record(actor, { action: 'invitation.send', entityType: 'media_invitation', entityId: inv.id, details: { eventId, recipients: recipients.length, listIds: selection.listIds, contactIds: selection.contactIds } }, m);
      return recipients.length;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async board(eventId: number, manager?: EntityManager): Promise<Board> {
    const rows = await this.repo.board(eventId, manager);
    return {
      rows,
      invited: rows.length,
      confirmed: rows.filter((r) => r.response === 'confirmed').length,
      declined: rows.filter((r) => r.response === 'declined').length,
      pending: rows.filter((r) => r.response === 'pending').length,
      attended: rows.filter((r) => r.attended).length,
      attendees: rows.filter((r) => r.response === 'confirmed').reduce((n, r) => n + r.attendees, 0),
    };
  }

  list() {
    return this.repo.invitations();
  }

  /** "Confirmar asistencia" is done once nobody invited is left without an answer. */
  private async tickIfSettled(m: EntityManager, eventId: number, actor: Actor) {
    const rows = await this.repo.board(eventId, m);
    if (rows.length && rows.every((r) => r.response !== 'pending')) await this.route.markRouteStep(m, eventId, 'confirm_attendance', actor, 'invitations');
  }

  private async respond(m: EntityManager, recipientId: number, answer: { response: 'confirmed' | 'declined'; attendees: number; via: RsvpChannel; note?: string }, actor: Actor) {
    const r = await this.repo.findRecipient(recipientId, m);
    if (!r) throw new NotFoundException();
    if (answer.response === 'confirmed' && (!Number.isInteger(answer.attendees) || answer.attendees < 1 || answer.attendees > MAX_ATTENDEES)) throw new FieldError('attendees', 'media.rsvp.error.attendees');
    r.response = answer.response;
    r.attendees = answer.response === 'confirmed' ? answer.attendees : 0;
    r.respondedAt = this.clock.now();
    r.respondedVia = answer.via;
    r.note = answer.note?.slice(0, 500) || r.note;
    await this.repo.saveRecipient(r, m);
    await this.audit.record(actor, { action: 'invitation.respond', entityType: 'invitation_recipient', entityId: r.id, details: { response: r.response, attendees: r.attendees, via: r.respondedVia } }, m);
    const eventId = (await this.repo.eventIdOfRecipient(r.id, m))!;
    await this.tickIfSettled(m, eventId, actor);
    return { recipient: r, eventId };
  }

  /** The recipient behind a personal link; the link must belong to that invitation. */
  async byLink(invitationId: number, token: string) {
    if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) throw new UserFacingError(404, 'media.rsvp.invalid');
    const r = await this.repo.findByTokenHash(sha256(token));
    if (!r || r.invitationId !== invitationId) throw new UserFacingError(404, 'media.rsvp.invalid');
    const inv = (await this.repo.findInvitation(invitationId))!;
    const e = await this.event(inv.eventId);
    return { recipient: r, invitation: inv, event: e };
  }

  /** A journalist answers through the link (no login). */
  async answerByLink(invitationId: number, token: string, response: 'confirmed' | 'declined', attendees: number, actorIp: string | null) {
    const { recipient, event } = await this.byLink(invitationId, token);
    if (event.status === 'cancelled') throw new FieldError('response', 'media.rsvp.error.cancelled');
    const actor: Actor = { userId: null, label: `${recipient.name} <${recipient.email}>`.slice(0, 254), ip: actorIp };
    return this.dataSource.transaction((m) => this.respond(m, recipient.id, { response, attendees, via: 'link' }, actor));
  }

  /** Staff record an answer taken by phone or in person. */
  recordAnswer(recipientId: number, answer: { response: 'confirmed' | 'declined'; attendees: number; via: RsvpChannel; note?: string }, actor: Actor, manager?: EntityManager) {
    return manager ? this.respond(manager, recipientId, answer, actor) : this.dataSource.transaction((m) => this.respond(m, recipientId, answer, actor));
  }

  /** Ticked on the day: who came. */
  async setAttended(recipientId: number, attended: boolean, actor: Actor, manager?: EntityManager): Promise<number> {
    const run = async (m: EntityManager) => {
      const r = await this.repo.findRecipient(recipientId, m);
      if (!r) throw new NotFoundException();
      r.attended = attended;
      await this.repo.saveRecipient(r, m);
      await this.audit.record(actor, { action: 'invitation.attended', entityType: 'invitation_recipient', entityId: r.id, details: { attended } }, m);
      return (await this.repo.eventIdOfRecipient(r.id, m))!;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** The press office closes confirmations by hand (those who did not answer are not expected). */
  closeConfirmations(eventId: number, actor: Actor) {
    return this.dataSource.transaction((m) => this.route.markRouteStep(m, eventId, 'confirm_attendance', actor, 'invitations'));
  }
}
