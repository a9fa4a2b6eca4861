import { createHmac, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { diffWords } from 'diff';
import { DataSource, EntityManager } from 'typeorm';
import { AgendaEventsService } from '../agenda/agenda-events.service';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { PublicationGate } from '../common/publication-gate';
import { FieldError } from '../common/forms';
import { UserFacingError } from '../common/http-exception.filter';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DepartmentsRepository } from '../departments/departments.repository';
import { dayIn, instantToZoned, zonedToInstant } from '../media-bank/local-time';
import { MediaAsset } from '../media-bank/media-asset.entity';
import { MediaBankService } from '../media-bank/media-bank.service';
import { humanDuration, normalizeForSearch, usable } from '../media-bank/media-kinds';
import { ActionDto, ReleaseDto, TemplateDto } from './dto/release.dto';
import { PressRelease } from './press-release.entity';
import { NewsroomFilter, PressReleasesRepository, StaffFilter } from './press-releases.repository';
import { releasePdf } from './release-pdf';
import { buildDocument, DocumentAudio, DocumentPhoto, ReleaseDocument } from './release-render';
import { decide, editable, publiclyVisible, ReleaseAction, releaseNumberLabel, ReleaseStatus, slugify } from './release-status';
import { ReleaseTemplate } from './release-template.entity';
import { ReleaseSnapshot } from './release-version.entity';

/**
 * Steps of the agenda's daily route that a release completes: drafted → "redactar comunicado",
 * sent → "enviar", delivered (every recipient's email accepted) → "confirmar envíos".
 */
export type ReleaseStep = 'drafted' | 'sent' | 'delivered' | 'published';
/**
 * Told of each step inside the transaction that made it, with its manager, so that the
 * agenda can tick "redactar comunicado" / "enviar" on the event's route atomically.
 */
export type ReleaseStepListener = (step: ReleaseStep, release: { id: number; eventId: number | null }, manager: EntityManager, actor: Actor) => Promise<void>;

export const DEFAULT_TEMPLATE: Omit<ReleaseTemplate, 'id' | 'updatedAt'> = {
  letterhead: 'H. Ayuntamiento de Tampacán, S.L.P.\nDirección de Comunicación Social',
  numberPrefix: 'Boletín',
  defaultPlace: 'Tampacán, S.L.P.',
  contactFooter: 'Dirección de Comunicación Social · Palacio Municipal s/n, Zona Centro, Tampacán, S.L.P.\nTel. 482 365 0130 · comunicacion@tampacan.gob.mx · facebook.com/AyuntamientoTampacan',
};

export type LinkMode = 'staff' | 'public';

@Injectable()
export class PressReleasesService {
  private readonly stepListeners: ReleaseStepListener[] = [];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: PressReleasesRepository,
    private readonly bank: MediaBankService,
    private readonly audit: AuditService,
    private readonly departments: DepartmentsRepository,
    private readonly clock: Clock,
    private readonly agendaEvents: AgendaEventsService,
    private readonly gate: PublicationGate,
  ) {}

  /** The seam where the agenda module plugs in its route ticking (see ReleaseStepListener). */
  onStep(listener: ReleaseStepListener): void {
    this.stepListeners.push(listener);
  }

  private async step(step: ReleaseStep, r: PressRelease, m: EntityManager, actor: Actor) {
    for (const l of this.stepListeners) await l(step, { id: r.id, eventId: r.eventId }, m, actor);
  }

  /** For the distribution: tell the listeners that a release reached a step. */
  async notifyStep(step: ReleaseStep, releaseId: number, m: EntityManager, actor: Actor) {
    const r = await this.repo.findById(releaseId, m);
    if (r) await this.step(step, r, m, actor);
  }

  now(): Date {
    return this.clock.now();
  }

  today(): string {
    return dayIn(this.clock.now(), this.config.TIMEZONE);
  }

  // Template

  async template(manager?: EntityManager): Promise<Omit<ReleaseTemplate, 'id' | 'updatedAt'>> {
    return (await this.repo.template(manager)) ?? DEFAULT_TEMPLATE;
  }

  async saveTemplate(dto: TemplateDto, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const before = await this.template(m);
      await this.repo.saveTemplate({ letterhead: dto.letterhead, numberPrefix: dto.numberPrefix, defaultPlace: dto.defaultPlace, contactFooter: dto.contactFooter }, m);
      await this.audit.record(actor, { action: 'release_template.update', entityType: 'release_template', entityId: 1, details: { before } }, m);
    });
  }

  // Releases

  async get(id: number, manager?: EntityManager): Promise<PressRelease> {
    const r = await this.repo.findById(id, manager);
    if (!r) throw new NotFoundException();
    return r;
  }

  list(filter: StaffFilter, page: number, perPage = 25) {
    return this.repo.list(filter, perPage, (page - 1) * perPage);
  }

  countByStatus() {
    return this.repo.countByStatus();
  }

  numberLabel(r: PressRelease, prefix: string): string | null {
    return releaseNumberLabel(prefix, r.number, r.year);
  }

  /** Article-134 warnings (personal promotion) on what the release says, for its author to review. */
  promotionWarnings(r: PressRelease) {
    return this.gate.review([r.title, r.subtitle, r.body, r.quotes].filter(Boolean).join('.\n'));
  }

  embargoPassed(r: PressRelease): boolean {
    return !r.embargoUntil || new Date(r.embargoUntil).getTime() <= this.clock.now().getTime();
  }

  private parseEmbargo(value: string | undefined): Date | null {
    if (!value) return null;
    const at = zonedToInstant(value, this.config.TIMEZONE);
    if (!at) throw new FieldError('embargoUntil', 'bank.validation.datetime');
    return at;
  }

  private async checkRefs(dto: ReleaseDto, m: EntityManager) {
    if (dto.departmentId && !(await this.departments.findById(dto.departmentId, m))) throw new FieldError('departmentId', 'validation.unknown_department');
    if (dto.eventId && !(await this.agendaEvents.row(dto.eventId, m))) throw new FieldError('eventId', 'releases.validation.unknown_event');
  }

  private async snapshot(r: PressRelease, m: EntityManager): Promise<ReleaseSnapshot> {
    const media = await this.repo.media(r.id, m);
    return {
      title: r.title,
      subtitle: r.subtitle,
      place: r.place,
      releaseDate: r.releaseDate,
      body: r.body,
      quotes: r.quotes,
      embargoUntil: r.embargoUntil ? new Date(r.embargoUntil).toISOString() : null,
      media: media.map((x) => ({ assetId: x.assetId, caption: x.caption })),
    };
  }

  private async newVersion(r: PressRelease, actor: Actor, m: EntityManager) {
    await this.repo.insertVersion(r.id, r.version, await this.snapshot(r, m), { id: actor.userId, label: actor.label }, m);
    await this.repo.setSearchText(r.id, normalizeForSearch([r.title, r.subtitle, r.body, r.quotes].filter(Boolean).join(' ')), m);
  }

  async create(dto: ReleaseDto, actor: Actor, manager?: EntityManager): Promise<PressRelease> {
    const embargoUntil = this.parseEmbargo(dto.embargoUntil);
    const run = async (m: EntityManager) => {
      await this.checkRefs(dto, m);
      const r = await this.repo.insert(
        {
          status: 'draft',
          title: dto.title,
          subtitle: dto.subtitle ?? null,
          place: dto.place,
          releaseDate: dto.releaseDate,
          body: dto.body,
          quotes: dto.quotes ?? '',
          departmentId: dto.departmentId ?? null,
          eventId: dto.eventId ?? null,
          embargoUntil,
          version: 1,
          createdById: actor.userId,
        },
        m,
      );
      await this.newVersion(r, actor, m);
      await this.repo.insertEvent({ releaseId: r.id, action: 'create', toStatus: 'draft', version: 1, userId: actor.userId, actorLabel: actor.label }, m);
      await this.audit.record(actor, { action: 'release.create', entityType: 'press_release', entityId: r.id, details: { title: r.title, eventId: r.eventId } }, m);
      await this.step('drafted', r, m, actor);
      return r;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async update(id: number, dto: ReleaseDto, actor: Actor): Promise<PressRelease> {
    const embargoUntil = this.parseEmbargo(dto.embargoUntil);
    return this.dataSource.transaction(async (m) => {
      const r = await this.repo.lock(id, m);
      if (!r) throw new NotFoundException();
      if (!editable(r.status)) throw new UserFacingError(409, 'releases.rule.not_editable');
      await this.checkRefs(dto, m);
      const before = await this.snapshot(r, m);
      Object.assign(r, {
        title: dto.title,
        subtitle: dto.subtitle ?? null,
        place: dto.place,
        releaseDate: dto.releaseDate,
        body: dto.body,
        quotes: dto.quotes ?? '',
        departmentId: dto.departmentId ?? null,
        eventId: dto.eventId ?? null,
        embargoUntil,
      });
      const after = await this.snapshot(r, m);
      if (JSON.stringify(before) === JSON.stringify(after)) {
        await this.repo.save(r, m);
        return r;
      }
      r.version += 1;
      await this.repo.save(r, m);
      await this.newVersion(r, actor, m);
      await this.repo.insertEvent({ releaseId: r.id, action: 'edit', version: r.version, userId: actor.userId, actorLabel: actor.label }, m);
      await this.audit.record(actor, { action: 'release.update', entityType: 'press_release', entityId: r.id, details: { version: r.version } }, m);
      return r;
    });
  }

  /** Choose the photos and audio of a draft, in order, each with its caption for this release. */
  async setMedia(id: number, items: { assetId: number; caption: string | null }[], actor: Actor, manager?: EntityManager): Promise<void> {
    const run = async (m: EntityManager) => {
      const r = await this.repo.lock(id, m);
      if (!r) throw new NotFoundException();
      if (!editable(r.status)) throw new UserFacingError(409, 'releases.rule.not_editable');
      const unique = [...new Map(items.map((i) => [i.assetId, i])).values()].slice(0, 30);
      const assets = await this.bank.findByIds(unique.map((i) => i.assetId), m);
      const today = this.today();
      for (const a of assets) {
        if (a.kind !== 'photo' && a.kind !== 'audio') throw new FieldError('media', 'releases.validation.media_kind');
        if (!usable(a, today)) throw new FieldError('media', 'releases.validation.media_not_usable');
      }
      if (assets.length !== unique.length) throw new FieldError('media', 'releases.validation.media_missing');
      const before = JSON.stringify((await this.repo.media(id, m)).map((x) => [x.assetId, x.caption]));
      const clean = unique.map((i) => ({ assetId: i.assetId, caption: i.caption?.trim().slice(0, 1000) || null }));
      if (before === JSON.stringify(clean.map((x) => [x.assetId, x.caption]))) return;
      await this.repo.replaceMedia(id, clean, m);
      r.version += 1;
      await this.repo.save(r, m);
      await this.newVersion(r, actor, m);
      await this.repo.insertEvent({ releaseId: r.id, action: 'media', version: r.version, userId: actor.userId, actorLabel: actor.label }, m);
      await this.audit.record(actor, { action: 'release.media', entityType: 'press_release', entityId: id, details: { assets: clean.map((c) => c.assetId) } }, m);
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** One step of the workflow (or a comment). The rules are release-status.ts; this applies them. */
  /**
   * `sentStepLater`: the distribution ticks "enviar" on the route when the first email has
   * really left (without a mail server it waits in the outbox, and nothing is sent yet).
   */
  async act(id: number, dto: ActionDto, actor: Actor, manager?: EntityManager, opts: { sentStepLater?: boolean } = {}): Promise<PressRelease> {
    const run = async (m: EntityManager) => {
      const r = await this.repo.lock(id, m);
      if (!r) throw new NotFoundException();
      const decision = decide(r.status, dto.action, { role: actor.role ?? '', hasComment: !!dto.comment?.trim(), embargoPassed: this.embargoPassed(r) });
      if (!decision.ok) {
        if (decision.reason === 'releases.rule.comment_required') throw new FieldError('comment', decision.reason);
        throw new UserFacingError(decision.reason === 'releases.rule.only_director_approves' || decision.reason === 'releases.rule.role' ? 403 : 409, decision.reason);
      }
      const from = r.status;
      const now = this.clock.now();
      if (dto.action === 'approve') {
        if (r.number == null) {
          r.year = Number(dayIn(now, this.config.TIMEZONE).slice(0, 4));
          r.number = await this.repo.nextNumber(r.year, m);
        }
        r.approvedAt = now;
        r.approvedById = actor.userId;
      }
      if (dto.action === 'return') {
        r.approvedAt = null;
        r.approvedById = null;
      }
      if (dto.action === 'send') r.sentAt = now;
      if (dto.action === 'publish') {
        await this.gate.check(m, { act: 'publish_newsroom', at: now, actor, entityType: 'press_release', entityId: r.id, exception: dto.exception, reason: dto.exceptionReason });
        r.publishedAt = now;
      }
      r.status = decision.to;
      await this.repo.save(r, m);
      await this.repo.insertEvent({ releaseId: r.id, action: dto.action, fromStatus: from, toStatus: decision.to, comment: dto.comment?.trim() || null, version: r.version, userId: actor.userId, actorLabel: actor.label }, m);
      await this.audit.record(actor, { action: `release.${dto.action}`, entityType: 'press_release', entityId: r.id, details: { from, to: decision.to, number: r.number, year: r.year } }, m);
      if (dto.action === 'send' && !opts.sentStepLater) await this.step('sent', r, m, actor);
      if (dto.action === 'publish') await this.step('published', r, m, actor);
      // Sending publishes in the newsroom as well: the email carries the newsroom's link, and a
      // press officer expects it to open. (Sending waits for the embargo, so it is public now.)
      if (dto.action === 'send') return this.act(id, { action: 'publish', exception: dto.exception, exceptionReason: dto.exceptionReason }, actor, m);
      return r;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  history(id: number) {
    return this.repo.history(id);
  }

  versions(id: number) {
    return this.repo.versions(id);
  }

  /** Two versions compared field by field, word by word. */
  async compare(id: number, a: number, b: number) {
    const [va, vb] = [await this.repo.version(id, a), await this.repo.version(id, b)];
    if (!va || !vb) throw new NotFoundException();
    const s = (v: ReleaseSnapshot) => ({
      title: v.title,
      subtitle: v.subtitle ?? '',
      placeDate: `${v.place}, ${v.releaseDate}`,
      body: v.body,
      quotes: v.quotes,
      embargo: v.embargoUntil ? instantToZoned(v.embargoUntil, this.config.TIMEZONE).replace('T', ' ') : '',
      media: v.media.map((x) => `#${x.assetId}${x.caption ? ` ${x.caption}` : ''}`).join('\n'),
    });
    const [x, y] = [s(va.snapshot), s(vb.snapshot)];
    return (Object.keys(x) as (keyof typeof x)[]).map((field) => {
      const parts = diffWords(x[field], y[field]);
      return { field, changed: parts.some((p) => p.added || p.removed), parts: parts.map((p) => ({ value: p.value, added: !!p.added, removed: !!p.removed })) };
    });
  }

  // Rendering

  /** A signature for a release's photo address in emails, so journalists can open it before the newsroom shows it. */
  photoKey(releaseId: number, assetId: number): string {
    return createHmac('sha256', this.config.sessionSecret).update(`release-photo:${releaseId}:${assetId}`).digest('base64url').slice(0, 24);
  }

  validPhotoKey(releaseId: number, assetId: number, key: unknown): boolean {
    if (typeof key !== 'string' || key.length !== 24) return false;
    return timingSafeEqual(Buffer.from(key), Buffer.from(this.photoKey(releaseId, assetId)));
  }

  newsroomPath(r: { id: number; title: string }): string {
    return `/sala-de-prensa/${r.id}-${slugify(r.title)}`;
  }

  absolute(path: string): string {
    return new URL(path, this.config.PUBLIC_URL).toString();
  }

  async mediaOf(r: PressRelease, manager?: EntityManager): Promise<{ asset: MediaAsset; caption: string | null }[]> {
    const items = await this.repo.media(r.id, manager);
    const assets = await this.bank.findByIds(items.map((i) => i.assetId), manager);
    const byId = new Map(assets.map((a) => [a.id, a]));
    return items.filter((i) => byId.has(i.assetId)).map((i) => ({ asset: byId.get(i.assetId)!, caption: i.caption }));
  }

  /**
   * What the public (newsroom, feeds, emails) may be shown of the release's media: not a file
   * marked "no usar" since, nor one whose rights expired, though they were usable when chosen.
   */
  async publicMediaOf(r: PressRelease, manager?: EntityManager): Promise<{ asset: MediaAsset; caption: string | null }[]> {
    const today = this.today();
    return (await this.mediaOf(r, manager)).filter((x) => usable(x.asset, today));
  }

  /** The release on the template. Staff links point into the bank; public ones into the newsroom (signed, absolute). */
  async document(r: PressRelease, mode: LinkMode, manager?: EntityManager): Promise<ReleaseDocument> {
    const template = await this.template(manager);
    const media = mode === 'public' ? await this.publicMediaOf(r, manager) : await this.mediaOf(r, manager);
    const pub = (path: string, k: string) => this.absolute(`${path}?k=${k}`);
    const photos: DocumentPhoto[] = media
      .filter((x) => x.asset.kind === 'photo')
      .map(({ asset: a, caption }) => {
        const k = this.photoKey(r.id, a.id);
        const base = `/sala-de-prensa/${r.id}/fotos/${a.id}`;
        return {
          assetId: a.id,
          title: a.title,
          caption: caption ?? a.caption,
          credit: a.credit,
          webUrl: a.webKey ? (mode === 'staff' ? `/banco/${a.id}/web` : pub(`${base}/web`, k)) : null,
          originalUrl: mode === 'staff' ? `/banco/${a.id}/original?descargar=1` : pub(`${base}/original`, k),
          thumbUrl: a.thumbKey ? (mode === 'staff' ? `/banco/${a.id}/miniatura` : pub(`${base}/miniatura`, k)) : null,
          webKey: a.webKey,
        };
      });
    const audios: DocumentAudio[] = media
      .filter((x) => x.asset.kind === 'audio')
      .map(({ asset: a, caption }) => ({
        assetId: a.id,
        title: a.title,
        caption: caption ?? a.caption,
        duration: humanDuration(a.durationSeconds),
        url: mode === 'staff' ? `/banco/${a.id}/original` : pub(`/sala-de-prensa/${r.id}/audio/${a.id}`, this.photoKey(r.id, a.id)),
      }));
    return buildDocument({
      template,
      numberLabel: releaseNumberLabel(template.numberPrefix, r.number, r.year),
      place: r.place,
      releaseDate: r.releaseDate,
      title: r.title,
      subtitle: r.subtitle,
      body: r.body,
      quotes: r.quotes,
      photos,
      audios,
      embargoUntil: r.embargoUntil,
      newsroomUrl: r.status === 'published' || r.status === 'sent' || r.status === 'approved' ? this.absolute(this.newsroomPath(r)) : null,
    });
  }

  /** The release as a PDF, with its photos read from storage (a photo missing from the store is left out). */
  async pdf(r: PressRelease): Promise<Buffer> {
    const doc = await this.document(r, 'staff');
    const images = new Map<string, Buffer>();
    for (const p of doc.photos) {
      if (!p.webKey) continue;
      const data = await this.bank.read(p.webKey);
      if (data) images.set(p.webKey, data);
    }
    return releasePdf(doc, this.config.TIMEZONE, images);
  }

  // The public newsroom

  newsroom(filter: NewsroomFilter, page: number, perPage = 10) {
    return this.repo.newsroom(filter, this.clock.now(), perPage, (page - 1) * perPage);
  }

  async visible(id: number): Promise<PressRelease> {
    const r = await this.repo.findVisible(id, this.clock.now());
    if (!r || !publiclyVisible(r, this.clock.now())) throw new NotFoundException();
    return r;
  }

  /**
   * A photo or audio file of a release for someone outside: allowed when the release is in
   * the newsroom, or with the signed key of an email once the release is approved and past
   * its embargo. Anything else is "not found".
   */
  async publicAsset(releaseId: number, assetId: number, key: unknown): Promise<MediaAsset> {
    const r = await this.repo.findById(releaseId);
    if (!r) throw new NotFoundException();
    const open = publiclyVisible(r, this.clock.now()) || (this.validPhotoKey(releaseId, assetId, key) && ['approved', 'sent', 'published'].includes(r.status) && this.embargoPassed(r));
    if (!open) throw new NotFoundException();
    const item = (await this.publicMediaOf(r)).find((x) => x.asset.id === assetId);
    if (!item) throw new NotFoundException();
    return item.asset;
  }

  departmentsInNewsroom() {
    return this.repo.departmentsInNewsroom(this.clock.now());
  }

  statusLabel(s: ReleaseStatus) {
    return `releases.status.${s}`;
  }

  actionLabel(a: ReleaseAction) {
    return `releases.action.${a}`;
  }
}
