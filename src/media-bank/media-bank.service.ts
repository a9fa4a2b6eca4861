import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { Inject, Injectable, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FileStorage, StoredFileMissing } from '../storage/file-storage';
import { FieldError } from '../common/forms';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DepartmentsRepository } from '../departments/departments.repository';
import { AssetDto, CollectionDto, UploadDto } from './dto/asset.dto';
import { dayIn, zonedToInstant } from './local-time';
import { MediaAsset } from './media-asset.entity';
import { AssetFilter, MediaBankRepository } from './media-bank.repository';
import { MediaInspector } from './media-inspector';
import { parseTags, searchTextOf } from './media-kinds';
import { publicPhotoCopy } from './public-copy';

export type IngestResult =
  | { ok: true; name: string; asset: MediaAsset }
  | { ok: false; name: string; reason: string; args?: Record<string, unknown> };

export type AssetVariant = 'original' | 'web' | 'thumb';

export interface StoredAssetFile {
  key: string;
  contentType: string;
  filename: string;
}

/** Where multer writes an upload while it streams in, before it is checked and moved into storage. */
export const UPLOAD_TMP_DIR = join(tmpdir(), 'cabildo-upload-tmp');

@Injectable()
export class MediaBankService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: MediaBankRepository,
    private readonly inspector: MediaInspector,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
    private readonly departments: DepartmentsRepository,
    private readonly clock: Clock,
  ) {}

  /** Temporary files left by uploads cut off mid-way (a crash, a restart) are removed after a day. */
  async onApplicationBootstrap() {
    const names = await readdir(UPLOAD_TMP_DIR).catch(() => [] as string[]);
    const dayAgo = Date.now() - 86400_000;
    for (const name of names.filter((n) => /^(up|buf)-[0-9a-f]+$/.test(n))) {
      const path = join(UPLOAD_TMP_DIR, name);
      const info = await stat(path).catch(() => null);
      if (info && info.mtimeMs < dayAgo) await rm(path, { force: true }).catch(() => undefined);
    }
  }

  today(): string {
    return dayIn(this.clock.now(), this.config.TIMEZONE);
  }

  /**
   * One uploaded file, already on local disk at `tmpPath` (multer's temporary file): check
   * it by content and size, read its metadata, make derivatives, move it into storage and
   * record it. A refused file leaves nothing behind; the temporary file is always removed.
   */
  async ingest(tmpPath: string, originalName: string, meta: UploadDto, actor: Actor, position?: { index: number; count: number }, manager?: EntityManager): Promise<IngestResult> {
    const name = cleanName(originalName);
    const stored: string[] = [];
    try {
      const inspected = await this.inspector.inspect(tmpPath, name);
      if (!inspected.ok) return { ok: false, name, reason: inspected.reason, args: inspected.args };
      const v = inspected.value;
      const base = this.storage.newKey('media');
      const originalKey = `${base}.${v.extension || 'bin'}`;
      await this.storage.put(originalKey, createReadStream(tmpPath));
      stored.push(originalKey);
      let webKey: string | null = null;
      let thumbKey: string | null = null;
      if (v.web) {
        webKey = `${base}-web.jpg`;
        await this.storage.put(webKey, v.web);
        stored.push(webKey);
      }
      if (v.thumb) {
        thumbKey = `${base}-thumb.jpg`;
        await this.storage.put(thumbKey, v.thumb);
        stored.push(thumbKey);
      }
      const numbered = (t: string) => (position && position.count > 1 ? `${t} (${position.index + 1}/${position.count})` : t);
      const title = (meta.title ? numbered(meta.title) : v.suggested.title || titleFromName(name)).slice(0, 200);
      const tags = parseTags([meta.tags ?? '', ...(v.suggested.keywords ?? [])]);
      const fields: Partial<MediaAsset> = {
        kind: v.kind,
        title,
        caption: meta.caption ?? v.suggested.caption ?? null,
        credit: (meta.credit ?? v.suggested.credit ?? null)?.slice(0, 150) ?? null,
        takenAt: v.takenAt ?? (meta.takenOn ? zonedToInstant(meta.takenOn + 'T12:00', this.config.TIMEZONE) : null),
        place: (meta.place ?? v.suggested.place ?? null)?.slice(0, 200) ?? null,
        tags,
        eventId: meta.eventId ?? null,
        coverageId: meta.coverageId ?? null,
        departmentId: meta.departmentId ?? null,
        rights: meta.rights ?? 'institutional',
        rightsExpiresOn: meta.rightsExpiresOn ?? null,
        doNotUse: false,
        originalKey,
        originalName: name,
        mimeType: v.mimeType,
        extension: v.extension || 'bin',
        sizeBytes: String(v.sizeBytes),
        webKey,
        thumbKey,
        width: v.width,
        height: v.height,
        durationSeconds: v.durationSeconds,
        format: v.format,
        camera: v.camera,
        latitude: v.latitude,
        longitude: v.longitude,
        metadata: v.metadata,
        processingNotes: v.notes,
        uploadedById: actor.userId,
      };
      fields.searchText = searchTextOf(fields);
      const run = async (m: EntityManager) => {
        const asset = await this.repo.insert(fields, m);
        if (meta.collectionId && (await this.repo.findCollection(meta.collectionId, m))) await this.repo.addToCollection(meta.collectionId, asset.id, m);
        await this.audit.record(actor, { action: 'media.upload', entityType: 'media_asset', entityId: asset.id, details: { name, kind: v.kind, size: v.sizeBytes, notes: v.notes } }, m);
        return asset;
      };
      const asset = manager ? await run(manager) : await this.dataSource.transaction(run);
      stored.length = 0; // recorded: keep the files
      return { ok: true, name, asset };
    } finally {
      for (const key of stored) await this.storage.delete(key).catch(() => undefined);
      await rm(tmpPath, { force: true }).catch(() => undefined);
    }
  }

  /** The same as an upload, from bytes in memory (demo data, tests). */
  async ingestBuffer(data: Buffer, originalName: string, meta: UploadDto, actor: Actor, manager?: EntityManager): Promise<IngestResult> {
    await mkdir(UPLOAD_TMP_DIR, { recursive: true });
    const tmp = join(UPLOAD_TMP_DIR, `buf-${randomBytes(8).toString('hex')}`);
    await writeFile(tmp, data);
    return this.ingest(tmp, originalName, meta, actor, undefined, manager);
  }

  /** Check the batch's fields that refer to other records before any file is taken. */
  async checkUploadMeta(meta: UploadDto): Promise<void> {
    if (meta.departmentId && !(await this.departments.findById(meta.departmentId))) throw new FieldError('departmentId', 'validation.unknown_department');
    if (meta.collectionId && !(await this.repo.findCollection(meta.collectionId))) throw new FieldError('collectionId', 'bank.validation.collection');
  }

  search(filter: AssetFilter, page: number, perPage = 24) {
    return this.repo.search(filter, perPage, (page - 1) * perPage);
  }

  findByIds(ids: number[], manager?: EntityManager) {
    return this.repo.findByIds(ids, manager);
  }

  async get(id: number): Promise<MediaAsset> {
    const a = await this.repo.findById(id);
    if (!a) throw new NotFoundException();
    return a;
  }

  async update(id: number, dto: AssetDto, actor: Actor): Promise<MediaAsset> {
    let takenAt: Date | null = null;
    if (dto.takenAt) {
      takenAt = zonedToInstant(dto.takenAt, this.config.TIMEZONE);
      if (!takenAt) throw new FieldError('takenAt', 'bank.validation.datetime');
    }
    let stalePublic: string | null = null;
    const saved = await this.dataSource.transaction(async (m) => {
      const a = await this.repo.findById(id, m);
      if (!a) throw new NotFoundException();
      if (dto.departmentId && !(await this.departments.findById(dto.departmentId, m))) throw new FieldError('departmentId', 'validation.unknown_department');
      const before = snapshot(a);
      Object.assign(a, {
        title: dto.title,
        caption: dto.caption ?? null,
        credit: dto.credit ?? null,
        takenAt,
        place: dto.place ?? null,
        tags: parseTags(dto.tags),
        eventId: dto.eventId ?? null,
        coverageId: dto.coverageId ?? null,
        departmentId: dto.departmentId ?? null,
        rights: dto.rights,
        rightsExpiresOn: dto.rightsExpiresOn ?? null,
        doNotUse: dto.doNotUse,
      });
      // The public copy carries the credit and rights: a new one is made with the new ones.
      if (a.publicKey && (before.credit !== a.credit || before.rights !== a.rights)) {
        stalePublic = a.publicKey;
        a.publicKey = null;
      }
      a.searchText = searchTextOf(a);
      await this.repo.save(a, m);
      const after = snapshot(a);
      const changed = Object.fromEntries(Object.keys(after).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k])).map((k) => [k, { from: before[k], to: after[k] }]));
      await this.audit.record(actor, { action: 'media.update', entityType: 'media_asset', entityId: id, details: { changed } }, m);
      return a;
    });
    if (stalePublic) await this.storage.delete(stalePublic).catch(() => undefined);
    return saved;
  }

  /**
   * A photo's full-resolution copy for the public (newsroom, release emails): no GPS position
   * nor camera, only credit and rights (public-copy.ts). Made once, on first request, and kept.
   */
  async publicOriginal(a: MediaAsset): Promise<StoredAssetFile | null> {
    if (a.kind !== 'photo') return null;
    const stem = titleFromName(a.originalName).replace(/[^\p{L}\p{N} ._-]/gu, '').slice(0, 80) || `archivo-${a.id}`;
    const typeOf = (key: string) => (key.endsWith('.png') ? 'image/png' : key.endsWith('.webp') ? 'image/webp' : 'image/jpeg');
    if (a.publicKey && (await this.storage.exists(a.publicKey))) {
      return { key: a.publicKey, contentType: typeOf(a.publicKey), filename: `${stem}.${a.publicKey.split('.').pop()}` };
    }
    const rights = a.rights === 'institutional' ? `© H. Ayuntamiento de ${this.config.MUNICIPALITY_NAME}` : a.credit ? `© ${a.credit}` : `H. Ayuntamiento de ${this.config.MUNICIPALITY_NAME}`;
    let copy: Awaited<ReturnType<typeof publicPhotoCopy>>;
    try {
      copy = await publicPhotoCopy(await this.storage.read(a.originalKey), a.mimeType, a.credit, rights);
    } catch {
      // Not decodable here (a format only the bank keeps): the web version, already without metadata.
      return this.fileOf(a, 'web');
    }
    const key = this.storage.newKey('media-public', copy.extension);
    await this.storage.put(key, copy.data);
    await this.repo.setPublicKey(a.id, key);
    return { key, contentType: copy.contentType, filename: `${stem}.${copy.extension}` };
  }

  /** The stored file of an asset: its key in storage, and how it is named and typed when sent. */
  fileOf(a: MediaAsset, variant: AssetVariant): StoredAssetFile | null {
    const stem = titleFromName(a.originalName).replace(/[^\p{L}\p{N} ._-]/gu, '').slice(0, 80) || `archivo-${a.id}`;
    if (variant === 'original') return { key: a.originalKey, contentType: a.mimeType, filename: `${stem}.${a.extension}` };
    const key = variant === 'web' ? a.webKey : a.thumbKey;
    if (!key) return null;
    return { key, contentType: 'image/jpeg', filename: `${stem}-${variant === 'web' ? 'web' : 'miniatura'}.jpg` };
  }

  /** The bytes of a stored file (a photo for a PDF or for Facebook), or null when it is missing from the store. */
  async read(key: string): Promise<Buffer | null> {
    return this.storage.read(key).catch((e) => {
      if (e instanceof StoredFileMissing) return null;
      throw e;
    });
  }

  topTags() {
    return this.repo.topTags();
  }
  credits() {
    return this.repo.credits();
  }
  eventIds() {
    return this.repo.eventIds();
  }

  // Collections

  collections() {
    return this.repo.collections();
  }

  async collection(id: number) {
    const c = await this.repo.findCollection(id);
    if (!c) throw new NotFoundException();
    return c;
  }

  collectionsOf(assetId: number) {
    return this.repo.collectionsOf(assetId);
  }

  async createCollection(dto: CollectionDto, actor: Actor, manager?: EntityManager) {
    const run = async (m: EntityManager) => {
      if (await this.repo.findCollectionByName(dto.name, m)) throw new FieldError('name', 'validation.name_taken');
      const c = await this.repo.insertCollection({ name: dto.name, description: dto.description ?? null }, m);
      await this.audit.record(actor, { action: 'media_collection.create', entityType: 'media_collection', entityId: c.id, details: { name: c.name } }, m);
      return c;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async addToCollection(collectionId: number, assetId: number, actor: Actor, manager?: EntityManager): Promise<boolean> {
    const run = async (m: EntityManager) => {
      if (!(await this.repo.findCollection(collectionId, m))) throw new FieldError('collectionId', 'bank.validation.collection');
      if (!(await this.repo.findById(assetId, m))) throw new NotFoundException();
      const added = await this.repo.addToCollection(collectionId, assetId, m);
      if (added) await this.audit.record(actor, { action: 'media_collection.add', entityType: 'media_collection', entityId: collectionId, details: { assetId } }, m);
      return added;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async removeFromCollection(collectionId: number, assetId: number, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      await this.repo.removeFromCollection(collectionId, assetId, m);
      await this.audit.record(actor, { action: 'media_collection.remove', entityType: 'media_collection', entityId: collectionId, details: { assetId } }, m);
    });
  }
}

function snapshot(a: MediaAsset): Record<string, unknown> {
  const { title, caption, credit, takenAt, place, tags, eventId, coverageId, departmentId, rights, rightsExpiresOn, doNotUse } = a;
  return { title, caption, credit, takenAt: takenAt ? new Date(takenAt).toISOString() : null, place, tags, eventId, coverageId, departmentId, rights, rightsExpiresOn, doNotUse };
}

/** A file name fit to show and to record: no path, no control characters, not too long. */
export function cleanName(name: string): string {
  const base = (name || 'archivo').split(/[\\/]/).pop() ?? 'archivo';
  return base.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 255) || 'archivo';
}

export function titleFromName(name: string): string {
  const ext = extname(name);
  return (ext ? name.slice(0, -ext.length) : name).replace(/[_]+/g, ' ').trim() || name;
}
