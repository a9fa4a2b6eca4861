import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { fromBuffer } from 'file-type';
import { DataSource } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { FileStorage } from '../storage/file-storage';
import { makeThumbnail, readImageHeader } from '../common/images';
import { FieldError } from '../common/forms';
import { AgendaRepository } from './agenda.repository';
import { EventAttachment } from './event-attachment.entity';

export const ATTACHMENT_TYPES: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };
export const MAX_ATTACHMENT_BYTES = 8 * 1024 * 1024;

/** Photos and documents attached to events (a liaison's photos of an activity, the program of an event). */
@Injectable()
export class EventAttachmentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AgendaRepository,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {}

  /** Check the files by their content (not their name) before anything is stored. */
  async check(files: { buffer: Buffer; originalname: string; size: number }[]): Promise<{ buffer: Buffer; filename: string; contentType: string; ext: string }[]> {
    const out = [];
    for (const f of files) {
      const type = await fromBuffer(f.buffer);
      if (!type || !ATTACHMENT_TYPES[type.mime]) throw new FieldError('photos', 'agenda.validation.attachment_type');
      // Photos are kept as sent and shown in browsers: one that claims gigapixels (or does not open) is refused.
      if (type.mime !== 'application/pdf') {
        const header = await readImageHeader(f.buffer);
        if (!header.ok) throw new FieldError('photos', header.reason === 'too_many_pixels' ? 'agenda.validation.attachment_pixels' : 'agenda.validation.attachment_type');
      }
      out.push({ buffer: f.buffer, filename: f.originalname.replace(/[^\p{L}\p{N}._ -]/gu, '_').slice(0, 200) || `archivo.${type.ext}`, contentType: type.mime, ext: ATTACHMENT_TYPES[type.mime] });
    }
    return out;
  }

  async add(eventId: number, files: Awaited<ReturnType<EventAttachmentsService['check']>>, actor: Actor): Promise<void> {
    if (!files.length) return;
    const stored: { key: string; thumbKey: string | null; f: (typeof files)[number] }[] = [];
    const keys = () => stored.flatMap((s) => (s.thumbKey ? [s.key, s.thumbKey] : [s.key]));
    try {
      for (const f of files) {
        const s = { key: this.storage.newKey('agenda', f.ext), thumbKey: null as string | null, f };
        stored.push(s);
        await this.storage.put(s.key, f.buffer);
        if (f.contentType.startsWith('image/')) {
          s.thumbKey = this.storage.newKey('agenda-thumb', 'jpg');
          await this.storage.put(s.thumbKey, await makeThumbnail(f.buffer));
        }
      }
    } catch (e) {
      for (const k of keys()) await this.storage.delete(k).catch(() => undefined);
      throw e;
    }
    try {
      await this.dataSource.transaction(async (m) => {
        for (const { key, thumbKey, f } of stored) {
          await this.repo.saveAttachment({ eventId, storageKey: key, thumbKey, filename: f.filename, contentType: f.contentType, size: f.buffer.length, uploadedById: actor.userId }, m);
        }
        await this.audit.record(actor, { action: 'agenda.attach', entityType: 'agenda_event', entityId: eventId, details: { files: stored.map((s) => s.f.filename) } }, m);
      });
    } catch (e) {
      for (const k of keys()) await this.storage.delete(k).catch(() => undefined);
      throw e;
    }
  }

  list(eventId: number) {
    return this.repo.attachments(eventId);
  }

  async open(id: number, actor: Actor) {
    const a = await this.repo.findAttachment(id);
    if (!a) throw new NotFoundException();
    if (actor.role === 'liaison') {
      const e = await this.repo.findEvent(a.eventId);
      if (!e || e.departmentId !== actor.departmentId) throw new ForbiddenException();
    }
    return a;
  }

  /** The thumbnail of a photo (made at upload, or now and once for a photo stored before thumbnails); null for a document. */
  async thumbnail(a: EventAttachment): Promise<string | null> {
    if (a.thumbKey) return a.thumbKey;
    if (!a.contentType.startsWith('image/')) return null;
    const key = this.storage.newKey('agenda-thumb', 'jpg');
    await this.storage.put(key, await makeThumbnail(await this.storage.read(a.storageKey)));
    const standing = await this.repo.setAttachmentThumb(a.id, key);
    if (standing !== key) await this.storage.delete(key).catch(() => undefined);
    return standing;
  }
}
