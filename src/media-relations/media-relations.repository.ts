import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { DistributionListMember } from './distribution-list-member.entity';
import { DistributionList } from './distribution-list.entity';
import { MediaContact } from './media-contact.entity';
import { MediaOutlet } from './media-outlet.entity';

export interface ContactRow {
  id: number;
  name: string;
  role: string | null;
  email: string | null;
  phones: string | null;
  beat: string | null;
  preferredChannel: string;
  doNotContact: boolean;
  outletId: number | null;
  outletName: string | null;
  outletType: string | null;
}

export interface ContactFilter {
  q?: string;
  outletId?: number;
  listId?: number;
  includeDoNotContact?: boolean;
}

/** Every query of the media directory. */
@Injectable()
export class MediaRelationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  // Outlets
  outlets(manager?: EntityManager): Promise<(MediaOutlet & { contactCount: number })[]> {
    return this.m(manager).query(
      `SELECT o.id, o.name, o.type, o.region, o.reach, o.reach_kind AS "reachKind", o.reach_source AS "reachSource",
              to_char(o.reach_date, 'YYYY-MM-DD') AS "reachDate", o.website, o.active,
              (SELECT count(*)::int FROM media_contacts c WHERE c.outlet_id = o.id) AS "contactCount"
         FROM media_outlets o ORDER BY o.active DESC, o.name`,
    );
  }
  outletOptions(manager?: EntityManager): Promise<{ id: number; name: string }[]> {
    return this.m(manager).query(`SELECT id, name FROM media_outlets ORDER BY name`);
  }
  findOutlet(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(MediaOutlet, { where: { id } });
  }
  findOutletByName(name: string, manager?: EntityManager) {
    return this.m(manager).createQueryBuilder(MediaOutlet, 'o').where('lower(o.name) = lower(:name)', { name }).getOne();
  }
  saveOutlet(o: Partial<MediaOutlet>, manager?: EntityManager) {
    return this.m(manager).save(MediaOutlet, o);
  }

  // Contacts
  contacts(filter: ContactFilter, manager?: EntityManager): Promise<ContactRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.q) {
      params.push(`%${filter.q.toLowerCase()}%`);
      where.push(`(lower(c.name) LIKE $${params.length} OR lower(coalesce(c.email,'')) LIKE $${params.length} OR lower(coalesce(c.beat,'')) LIKE $${params.length})`);
    }
    if (filter.outletId) {
      params.push(filter.outletId);
      where.push(`c.outlet_id = $${params.length}`);
    }
    if (filter.listId) {
      params.push(filter.listId);
      where.push(`EXISTS (SELECT 1 FROM distribution_list_members m WHERE m.contact_id = c.id AND m.list_id = $${params.length})`);
    }
    if (filter.includeDoNotContact === false) where.push('NOT c.do_not_contact');
    return this.m(manager).query(
      `SELECT c.id, c.name, c.role, c.email, c.phones, c.beat, c.preferred_channel AS "preferredChannel",
              c.do_not_contact AS "doNotContact", c.outlet_id AS "outletId", o.name AS "outletName", o.type AS "outletType"
         FROM media_contacts c LEFT JOIN media_outlets o ON o.id = c.outlet_id
        ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
        ORDER BY c.name, c.id LIMIT 1000`,
      params,
    );
  }
  findContact(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(MediaContact, { where: { id } });
  }
  contactsByIds(ids: number[], manager?: EntityManager) {
    if (!ids.length) return Promise.resolve([] as MediaContact[]);
    return this.m(manager).find(MediaContact, { where: { id: In(ids) } });
  }
  findContactByEmail(email: string, manager?: EntityManager) {
    return this.m(manager).findOne(MediaContact, { where: { email: email.toLowerCase() } });
  }
  /** What duplicate checks need: every contact's email, name and outlet. */
  contactKeys(manager?: EntityManager): Promise<{ id: number; email: string | null; name: string; outletId: number | null }[]> {
    return this.m(manager).query(`SELECT id, email, name, outlet_id AS "outletId" FROM media_contacts`);
  }
  saveContact(c: Partial<MediaContact>, manager?: EntityManager) {
    return this.m(manager).save(MediaContact, c);
  }
  async insertContacts(rows: Partial<MediaContact>[], manager: EntityManager): Promise<number[]> {
    const ids: number[] = [];
    // In chunks: one statement per few hundred rows keeps parameters under PostgreSQL's limit.
    for (let i = 0; i < rows.length; i += 300) {
      const res = await manager.createQueryBuilder().insert().into(MediaContact).values(rows.slice(i, i + 300)).returning('id').execute();
      ids.push(...(res.raw as { id: number }[]).map((r) => r.id));
    }
    return ids;
  }

  // Lists
  lists(manager?: EntityManager): Promise<{ id: number; name: string; description: string | null; memberCount: number; reachable: number }[]> {
    return this.m(manager).query(
      `SELECT l.id, l.name, l.description,
              (SELECT count(*)::int FROM distribution_list_members m WHERE m.list_id = l.id) AS "memberCount",
              (SELECT count(*)::int FROM distribution_list_members m JOIN media_contacts c ON c.id = m.contact_id
                WHERE m.list_id = l.id AND c.email IS NOT NULL AND NOT c.do_not_contact) AS "reachable"
         FROM distribution_lists l ORDER BY l.name`,
    );
  }
  findList(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(DistributionList, { where: { id } });
  }
  findListByName(name: string, manager?: EntityManager) {
    return this.m(manager).createQueryBuilder(DistributionList, 'l').where('lower(l.name) = lower(:name)', { name }).getOne();
  }
  saveList(l: Partial<DistributionList>, manager?: EntityManager) {
    return this.m(manager).save(DistributionList, l);
  }
  async listIdsOfContact(contactId: number, manager?: EntityManager): Promise<number[]> {
    const rows: { listId: number }[] = await this.m(manager).query(`SELECT list_id AS "listId" FROM distribution_list_members WHERE contact_id = $1`, [contactId]);
    return rows.map((r) => r.listId);
  }
  async memberIds(listId: number, manager?: EntityManager): Promise<number[]> {
    const rows: { contactId: number }[] = await this.m(manager).query(`SELECT contact_id AS "contactId" FROM distribution_list_members WHERE list_id = $1`, [listId]);
    return rows.map((r) => r.contactId);
  }
  async setMembers(listId: number, contactIds: number[], manager: EntityManager) {
    await manager.delete(DistributionListMember, { listId });
    await this.addMembers(listId, contactIds, manager);
  }
  async addMembers(listId: number, contactIds: number[], manager: EntityManager) {
    if (!contactIds.length) return;
    await manager.createQueryBuilder().insert().into(DistributionListMember).values(contactIds.map((contactId) => ({ listId, contactId }))).orIgnore().execute();
  }
  async setListsOfContact(contactId: number, listIds: number[], manager: EntityManager) {
    await manager.delete(DistributionListMember, { contactId });
    if (!listIds.length) return;
    await manager.createQueryBuilder().insert().into(DistributionListMember).values(listIds.map((listId) => ({ listId, contactId }))).orIgnore().execute();
  }
  async existingListIds(ids: number[], manager?: EntityManager): Promise<number[]> {
    if (!ids.length) return [];
    const rows: { id: number }[] = await this.m(manager).query(`SELECT id FROM distribution_lists WHERE id = ANY($1::int[])`, [ids]);
    return rows.map((r) => r.id);
  }

  /** Contacts of the lists and the ids given, with an email, not marked "no contactar". */
  recipients(listIds: number[], contactIds: number[], manager?: EntityManager): Promise<{ id: number; name: string; email: string; outletId: number | null; outletName: string | null }[]> {
    return this.m(manager).query(
      `SELECT c.id, c.name, c.email, c.outlet_id AS "outletId", o.name AS "outletName"
         FROM media_contacts c LEFT JOIN media_outlets o ON o.id = c.outlet_id
        WHERE (c.id = ANY($2::int[]) OR EXISTS (SELECT 1 FROM distribution_list_members m WHERE m.contact_id = c.id AND m.list_id = ANY($1::int[])))
          AND c.email IS NOT NULL AND c.email <> '' AND NOT c.do_not_contact
        ORDER BY c.name, c.id`,
      [listIds, contactIds],
    );
  }
}
