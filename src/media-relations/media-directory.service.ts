import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { FieldError } from '../common/forms';
import { ImportFormatError, ImportRow, parseContactsCsv, validateContactRows } from './contact-import';
import { ContactFormDto, ListFormDto, OutletFormDto } from './dto/media.dto';
import { MediaContact } from './media-contact.entity';
import { nameKey } from './media-kinds';
import { MediaOutlet } from './media-outlet.entity';
import { ContactFilter, MediaRelationsRepository } from './media-relations.repository';

export interface Recipient {
  id: number;
  name: string;
  email: string;
  outletId: number | null;
  outletName: string | null;
}

export interface ImportPreview {
  rows: ImportRow[];
  okCount: number;
  errorCount: number;
}

const changedFields = (before: Record<string, unknown>, after: Record<string, unknown>) =>
  Object.fromEntries(Object.keys(after).filter((k) => String(before[k] ?? '') !== String(after[k] ?? '')).map((k) => [k, { from: before[k] ?? null, to: after[k] ?? null }]));

/**
 * The media directory: outlets, contacts, distribution lists and the CSV import.
 * Exported: other modules (invitations, press-release distribution) call listRecipients().
 */
@Injectable()
export class MediaDirectoryService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MediaRelationsRepository,
    private readonly audit: AuditService,
  ) {}

  /**
   * Who a sending reaches: the members of `listIds` plus `contactIds`, each once, only those
   * with an email and never those marked "no contactar". Pass the caller's transaction manager.
   */
  listRecipients(manager: EntityManager | undefined, selection: { listIds?: number[]; contactIds?: number[] }): Promise<Recipient[]> {
    return this.repo.recipients(selection.listIds ?? [], selection.contactIds ?? [], manager);
  }

  // Outlets
  outlets() {
    return this.repo.outlets();
  }
  outletOptions() {
    return this.repo.outletOptions();
  }
  async outlet(id: number): Promise<MediaOutlet> {
    const o = await this.repo.findOutlet(id);
    if (!o) throw new NotFoundException();
    return o;
  }

  private outletFields(dto: OutletFormDto) {
    return {
      name: dto.name,
      type: dto.type,
      region: dto.region ?? null,
      reach: dto.reach ?? null,
      reachKind: dto.reachKind ?? null,
      reachSource: dto.reachSource ?? null,
      reachDate: dto.reachDate ?? null,
      website: dto.website ?? null,
      socialAccounts: dto.socialAccounts ?? null,
      address: dto.address ?? null,
      notes: dto.notes ?? null,
      active: dto.active,
    };
  }

  async saveOutlet(id: number | null, dto: OutletFormDto, actor: Actor, manager?: EntityManager): Promise<MediaOutlet> {
    const run = async (m: EntityManager) => {
      const other = await this.repo.findOutletByName(dto.name, m);
      if (other && other.id !== id) throw new FieldError('name', 'validation.name_taken');
      const fields = this.outletFields(dto);
      if (id === null) {
        const o = await this.repo.saveOutlet(fields, m);
        await this.audit.record(actor, { action: 'media_outlet.create', entityType: 'media_outlet', entityId: o.id, details: { name: o.name } }, m);
        return o;
      }
      const o = await this.repo.findOutlet(id, m);
      if (!o) throw new NotFoundException();
      const changed = changedFields(o as unknown as Record<string, unknown>, fields);
      Object.assign(o, fields);
      await this.repo.saveOutlet(o, m);
      await this.audit.record(actor, { action: 'media_outlet.update', entityType: 'media_outlet', entityId: id, details: { changed } }, m);
      return o;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  // Contacts
  contacts(filter: ContactFilter) {
    return this.repo.contacts(filter);
  }
  async contact(id: number): Promise<MediaContact & { listIds: number[]; outletName: string | null }> {
    const c = await this.repo.findContact(id);
    if (!c) throw new NotFoundException();
    const outlet = c.outletId ? await this.repo.findOutlet(c.outletId) : null;
    return { ...c, listIds: await this.repo.listIdsOfContact(id), outletName: outlet?.name ?? null };
  }

  async saveContact(id: number | null, dto: ContactFormDto, actor: Actor, manager?: EntityManager): Promise<MediaContact> {
    const run = async (m: EntityManager) => {
      if (dto.outletId && !(await this.repo.findOutlet(dto.outletId, m))) throw new FieldError('outletId', 'media.validation.unknown_outlet');
      if (!dto.email && !dto.phones) throw new FieldError('email', 'media.validation.no_way_to_reach');
      const keys = await this.repo.contactKeys(m);
      if (dto.email && keys.some((k) => k.id !== id && k.email === dto.email)) throw new FieldError('email', 'media.validation.duplicate_email');
      if (keys.some((k) => k.id !== id && nameKey(k.name) === nameKey(dto.name) && (k.outletId ?? null) === (dto.outletId ?? null))) {
        throw new FieldError('name', 'media.validation.duplicate_name');
      }
      const listIds = await this.repo.existingListIds(dto.listIds, m);
      const fields = {
        name: dto.name,
        role: dto.role ?? null,
        outletId: dto.outletId ?? null,
        email: dto.email ?? null,
        phones: dto.phones ?? null,
        beat: dto.beat ?? null,
        preferredChannel: dto.preferredChannel,
        notes: dto.notes ?? null,
        doNotContact: dto.doNotContact,
      };
      let c: MediaContact;
      if (id === null) {
        c = await this.repo.saveContact(fields, m);
        await this.audit.record(actor, { action: 'media_contact.create', entityType: 'media_contact', entityId: c.id, details: { name: c.name, doNotContact: c.doNotContact } }, m);
      } else {
        const found = await this.repo.findContact(id, m);
        if (!found) throw new NotFoundException();
        const changed = changedFields(found as unknown as Record<string, unknown>, fields);
        Object.assign(found, fields);
        c = await this.repo.saveContact(found, m);
        await this.audit.record(actor, { action: 'media_contact.update', entityType: 'media_contact', entityId: id, details: { changed, listIds } }, m);
      }
      await this.repo.setListsOfContact(c.id, listIds, m);
      return c;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  // Lists
  lists() {
    return this.repo.lists();
  }
  async list(id: number) {
    const l = await this.repo.findList(id);
    if (!l) throw new NotFoundException();
    return { ...l, memberIds: await this.repo.memberIds(id) };
  }

  async saveList(id: number | null, dto: ListFormDto, actor: Actor, manager?: EntityManager) {
    const run = async (m: EntityManager) => {
      const other = await this.repo.findListByName(dto.name, m);
      if (other && other.id !== id) throw new FieldError('name', 'validation.name_taken');
      const contactIds = (await this.repo.contactsByIds(dto.contactIds, m)).map((c) => c.id);
      let listId: number;
      if (id === null) {
        const l = await this.repo.saveList({ name: dto.name, description: dto.description ?? null }, m);
        listId = l.id;
      } else {
        const l = await this.repo.findList(id, m);
        if (!l) throw new NotFoundException();
        Object.assign(l, { name: dto.name, description: dto.description ?? null });
        await this.repo.saveList(l, m);
        listId = id;
      }
      await this.repo.setMembers(listId, contactIds, m);
      await this.audit.record(actor, { action: id === null ? 'distribution_list.create' : 'distribution_list.update', entityType: 'distribution_list', entityId: listId, details: { name: dto.name, members: contactIds.length } }, m);
      return listId;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  // CSV import
  private async check(text: string, manager?: EntityManager): Promise<ImportPreview> {
    const parsed = parseContactsCsv(text);
    const rows = validateContactRows(parsed, { outlets: await this.repo.outletOptions(manager), existing: await this.repo.contactKeys(manager) });
    const errorCount = rows.filter((r) => r.errors.length).length;
    return { rows, okCount: rows.length - errorCount, errorCount };
  }

  /** Read and check a file; nothing is written. A file that cannot be read is a FieldError on `file`. */
  async previewImport(text: string): Promise<ImportPreview> {
    try {
      return await this.check(text);
    } catch (e) {
      if (e instanceof ImportFormatError) throw new FieldError('file', e.key);
      throw e;
    }
  }

  /**
   * Import all the file's rows in one transaction, or none. With `skipInvalid` the rows with
   * errors are left out (the person chose so on the preview); otherwise any error refuses it all.
   */
  async confirmImport(text: string, options: { skipInvalid: boolean; listId?: number }, actor: Actor): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      let preview: ImportPreview;
      try {
        preview = await this.check(text, m);
      } catch (e) {
        if (e instanceof ImportFormatError) throw new FieldError('file', e.key);
        throw e;
      }
      if (preview.errorCount && !options.skipInvalid) throw new FieldError('file', 'media.import.error.has_errors');
      const drafts = preview.rows.filter((r) => r.draft).map((r) => r.draft!);
      if (!drafts.length) throw new FieldError('file', 'media.import.error.nothing_valid');
      if (options.listId && !(await this.repo.findList(options.listId, m))) throw new FieldError('listId', 'media.validation.unknown_list');
      const ids = await this.repo.insertContacts(drafts, m);
      if (options.listId) await this.repo.addMembers(options.listId, ids, m);
      await this.audit.record(actor, { action: 'media_contact.import', entityType: 'media_contact', entityId: null, details: { imported: ids.length, skipped: preview.errorCount, listId: options.listId ?? null } }, m);
      return ids.length;
    });
  }
}
