import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { InvitationRecipient } from './invitation-recipient.entity';
import { InvitationTemplate } from './invitation-template.entity';
import { MediaInvitation } from './media-invitation.entity';

export interface BoardRow {
  id: number;
  invitationId: number;
  name: string;
  email: string;
  outletName: string | null;
  response: 'pending' | 'confirmed' | 'declined';
  attendees: number;
  respondedAt: Date | null;
  respondedVia: string | null;
  attended: boolean;
  note: string | null;
  sentAt: Date;
}

/** Every query of media invitations. */
@Injectable()
export class InvitationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  template(manager?: EntityManager) {
    return this.m(manager).findOne(InvitationTemplate, { where: { id: 1 } });
  }
  saveTemplate(t: Partial<InvitationTemplate>, manager: EntityManager) {
    return manager.save(InvitationTemplate, { ...t, id: 1 });
  }
  saveInvitation(i: Partial<MediaInvitation>, manager: EntityManager) {
    return manager.save(MediaInvitation, i);
  }
  saveRecipient(r: Partial<InvitationRecipient>, manager?: EntityManager) {
    return this.m(manager).save(InvitationRecipient, r);
  }
  findRecipient(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(InvitationRecipient, { where: { id } });
  }
  findByTokenHash(tokenHash: string, manager?: EntityManager) {
    return this.m(manager).findOne(InvitationRecipient, { where: { tokenHash } });
  }
  findInvitation(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(MediaInvitation, { where: { id } });
  }
  async invitedContactIds(eventId: number, manager?: EntityManager): Promise<Set<number>> {
    const rows: { contactId: number }[] = await this.m(manager).query(
      `SELECT r.contact_id AS "contactId" FROM invitation_recipients r JOIN media_invitations i ON i.id = r.invitation_id WHERE i.event_id = $1 AND r.contact_id IS NOT NULL`,
      [eventId],
    );
    return new Set(rows.map((r) => r.contactId));
  }
  board(eventId: number, manager?: EntityManager): Promise<BoardRow[]> {
    return this.m(manager).query(
      `SELECT r.id, r.invitation_id AS "invitationId", r.name, r.email, r.outlet_name AS "outletName", r.response, r.attendees, r.responded_at AS "respondedAt",
              r.responded_via AS "respondedVia", r.attended, r.note, i.created_at AS "sentAt"
         FROM invitation_recipients r JOIN media_invitations i ON i.id = r.invitation_id
        WHERE i.event_id = $1 ORDER BY r.name, r.id`,
      [eventId],
    );
  }
  invitations(): Promise<{ eventId: number; title: string; startsAt: Date; invited: number; confirmed: number; declined: number; pending: number; lastSent: Date }[]> {
    return this.dataSource.query(
      `SELECT e.id AS "eventId", e.title, e.starts_at AS "startsAt", count(r.id)::int AS invited,
              count(*) FILTER (WHERE r.response = 'confirmed')::int AS confirmed,
              count(*) FILTER (WHERE r.response = 'declined')::int AS declined,
              count(*) FILTER (WHERE r.response = 'pending')::int AS pending,
              max(i.created_at) AS "lastSent"
         FROM media_invitations i JOIN agenda_events e ON e.id = i.event_id LEFT JOIN invitation_recipients r ON r.invitation_id = i.id
        GROUP BY e.id, e.title, e.starts_at ORDER BY e.starts_at DESC LIMIT 200`,
    );
  }
  async eventIdOfRecipient(id: number, manager?: EntityManager): Promise<number | null> {
    const rows: { eventId: number }[] = await this.m(manager).query(`SELECT i.event_id AS "eventId" FROM invitation_recipients r JOIN media_invitations i ON i.id = r.invitation_id WHERE r.id = $1`, [id]);
    return rows[0]?.eventId ?? null;
  }
}
