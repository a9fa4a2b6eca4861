import { Inject, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { PublicationGate } from '../common/publication-gate';
import { FieldError } from '../common/forms';
import { UserFacingError } from '../common/http-exception.filter';
import { APP_CONFIG, AppConfig } from '../config/config';
import { zonedToInstant } from '../media-bank/local-time';
import { MediaBankService } from '../media-bank/media-bank.service';
import { usable } from '../media-bank/media-kinds';
import { OutboxEntry } from '../notifications/outbox-entry.entity';
import { DeferDelivery, OutboxService, PermanentDeliveryError } from '../notifications/outbox.service';
import { PressReleasesService } from '../press-releases/press-releases.service';
import { publiclyVisible } from '../press-releases/release-status';
import { MarkPublishedDto, PostDto } from './dto/post.dto';
import { FacebookPost, FacebookPublisher } from './facebook-publisher';
import { SocialPost } from './social-post.entity';
import { SocialRepository } from './social.repository';

export const FACEBOOK_KIND = 'facebook';
const MAX_PHOTOS = 10;

@Injectable()
export class SocialService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repo: SocialRepository,
    private readonly outbox: OutboxService,
    private readonly publisher: FacebookPublisher,
    private readonly bank: MediaBankService,
    private readonly releases: PressReleasesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly gate: PublicationGate,
  ) {}

  onModuleInit() {
    this.outbox.registerHandler(FACEBOOK_KIND, (entry) => this.deliver(entry), () => !this.publisher.configured);
    this.outbox.onOutcome(async (entry, outcome) => {
      if (entry.kind === FACEBOOK_KIND) await this.recordOutcome(entry, outcome);
    });
  }

  get configured() {
    return this.publisher.configured;
  }

  /** The outbox's handler: publish the post as it is now (outside any transaction). */
  private async deliver(entry: OutboxEntry) {
    const postId = Number((entry.payload as { postId?: number }).postId);
    const post = await this.repo.findById(postId);
    if (!post || post.status === 'published') return { result: { skipped: true }, detail: 'la publicación ya no está pendiente' };
    if (post.releaseId) {
      // The embargo may have been moved after the post was scheduled: wait for it again.
      const r = await this.releases.get(post.releaseId);
      if (!publiclyVisible(r, this.clock.now())) throw new DeferDelivery(r.embargoUntil && r.embargoUntil > this.clock.now() ? new Date(r.embargoUntil) : new Date(this.clock.now().getTime() + 15 * 60_000), 'el comunicado aún no es público');
    }
    const assets = await this.bank.findByIds(await this.repo.mediaIds(postId));
    const photos: FacebookPost['photos'] = [];
    for (const a of assets.filter((x) => x.kind === 'photo')) {
      const f = this.bank.fileOf(a, a.webKey ? 'web' : 'original')!;
      const content = await this.bank.read(f.key);
      // A photo missing from the store will not come back by retrying: say which one.
      if (!content) throw new PermanentDeliveryError(`La foto «${a.title}» no está en el almacenamiento`);
      photos.push({ content, filename: f.filename, contentType: f.contentType });
    }
    const res = await this.publisher.publish({ message: post.text, link: post.link, photos });
    return { result: { postId: res.postId, url: res.url }, detail: `publicado ${res.postId}` };
  }

  private async recordOutcome(entry: OutboxEntry, outcome: { ok: boolean; final: boolean; result?: Record<string, unknown>; error?: string }) {
    const postId = Number((entry.payload as { postId?: number }).postId);
    await this.dataSource.transaction(async (m) => {
      const p = await this.repo.lock(postId, m);
      if (!p || p.status === 'published') return;
      if (outcome.ok) {
        if (outcome.result?.skipped) return;
        Object.assign(p, { status: 'published', externalId: String(outcome.result?.postId ?? ''), externalUrl: String(outcome.result?.url ?? ''), publishedAt: this.clock.now(), lastError: null });
      } else if (outcome.final) {
        Object.assign(p, { status: 'failed', lastError: outcome.error ?? null });
      } else {
        p.lastError = outcome.error ?? null;
      }
      await this.repo.save(p, m);
      await this.audit.record({ userId: null, label: 'sistema', ip: null }, { action: outcome.ok ? 'social.published' : outcome.final ? 'social.failed' : 'social.retry', entityType: 'social_post', entityId: p.id, details: outcome.ok ? { externalId: p.externalId } : { error: outcome.error } }, m);
    });
  }

  /** Text, link and photos proposed for a post about a published release. */
  async suggestion(releaseId: number) {
    const r = await this.releases.get(releaseId);
    const link = this.releases.absolute(this.releases.newsroomPath(r));
    const media = await this.releases.publicMediaOf(r);
    const text = [r.title, r.subtitle].filter(Boolean).join('\n\n');
    return { releaseId: r.id, title: r.title, text, link, photoIds: media.filter((x) => x.asset.kind === 'photo').map((x) => x.asset.id) };
  }

  private parseWhen(value: string | undefined): Date | null {
    if (!value) return null;
    const at = zonedToInstant(value, this.config.TIMEZONE);
    if (!at) throw new FieldError('scheduledAt', 'bank.validation.datetime');
    return at;
  }

  async compose(dto: PostDto, assetIds: number[], actor: Actor, manager?: EntityManager): Promise<SocialPost> {
    const scheduledAt = this.parseWhen(dto.scheduledAt);
    if (scheduledAt && scheduledAt.getTime() < this.clock.now().getTime() - 60_000) throw new FieldError('scheduledAt', 'social.validation.past');
    const run = async (m: EntityManager) => {
      const ids = [...new Set(assetIds)];
      if (ids.length > MAX_PHOTOS) throw new FieldError('photos', 'social.validation.too_many_photos');
      const assets = await this.bank.findByIds(ids, m);
      if (assets.length !== ids.length || assets.some((a) => a.kind !== 'photo')) throw new FieldError('photos', 'social.validation.photos');
      if (assets.some((a) => !usable(a, this.bank.today()))) throw new FieldError('photos', 'releases.validation.media_not_usable');
      if (dto.releaseId) await this.releases.get(dto.releaseId, m);
      const p = await this.repo.insert({ releaseId: dto.releaseId ?? null, text: dto.text, link: dto.link ?? null, status: 'draft', scheduledAt, createdById: actor.userId }, m);
      await this.repo.setMedia(p.id, ids, m);
      await this.audit.record(actor, { action: 'social.create', entityType: 'social_post', entityId: p.id, details: { releaseId: p.releaseId, photos: ids.length, scheduledAt } }, m);
      if (dto.intent === 'publish') await this.queue(p, actor, m, { exception: dto.exception, reason: dto.exceptionReason });
      return p;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  /** Into the outbox (at its scheduled time), or, with no token, "listo para publicar" by hand. */
  private async queue(p: SocialPost, actor: Actor, m: EntityManager, claim: { exception?: string | null; reason?: string | null } = {}) {
    if (p.releaseId) p.scheduledAt = await this.notBeforeRelease(p, m);
    // During an electoral blackout, publishing needs a legal exception (audited); see PublicationGate.
    await this.gate.check(m, { act: 'publish_social', at: p.scheduledAt ?? this.clock.now(), actor, entityType: 'social_post', entityId: p.id, ...claim });
    if (!this.publisher.configured) {
      p.status = 'ready';
    } else {
      const outboxId = await this.outbox.enqueue(m, FACEBOOK_KIND, { postId: p.id }, `social:${p.id}`);
      const later = p.scheduledAt && p.scheduledAt.getTime() > this.clock.now().getTime();
      if (later) await this.repo.delayOutboxEntry(outboxId, p.scheduledAt!, m);
      p.outboxId = outboxId;
      p.status = later ? 'scheduled' : 'queued';
    }
    p.lastError = null;
    await this.repo.save(p, m);
    await this.audit.record(actor, { action: 'social.queue', entityType: 'social_post', entityId: p.id, details: { status: p.status } }, m);
  }

  /**
   * A post about a release links to its newsroom page: it goes out only once that page is
   * public. A release not yet published is refused; one under embargo is scheduled for the
   * minute the embargo lifts (never earlier, whatever time was asked). With no page token the
   * post would be copied by hand at once, so an embargoed release is refused there too.
   */
  private async notBeforeRelease(p: SocialPost, m: EntityManager): Promise<Date | null> {
    const r = await this.releases.get(p.releaseId!, m);
    if (r.status !== 'published' || !r.publishedAt) throw new FieldError('link', 'social.rule.release_not_public');
    const asked = p.scheduledAt ?? this.clock.now();
    if (!r.embargoUntil || r.embargoUntil.getTime() <= asked.getTime()) return p.scheduledAt;
    if (!this.publisher.configured) throw new FieldError('scheduledAt', 'social.rule.release_embargoed');
    return new Date(r.embargoUntil);
  }

  async publish(id: number, actor: Actor): Promise<SocialPost> {
    return this.dataSource.transaction(async (m) => {
      const p = await this.repo.lock(id, m);
      if (!p) throw new NotFoundException();
      if (!['draft', 'failed', 'ready'].includes(p.status)) throw new UserFacingError(409, 'social.rule.not_pending');
      if (p.status === 'ready' && !this.publisher.configured) throw new UserFacingError(409, 'social.rule.no_token');
      try {
        await this.queue(p, actor, m);
      } catch (e) {
        // No form to claim an exception here: the blackout refusal is shown as a page.
        if (e instanceof FieldError) throw new UserFacingError(409, e.message);
        throw e;
      }
      return p;
    });
  }

  async markPublished(id: number, dto: MarkPublishedDto, actor: Actor): Promise<SocialPost> {
    return this.dataSource.transaction(async (m) => {
      const p = await this.repo.lock(id, m);
      if (!p) throw new NotFoundException();
      if (p.status === 'published') throw new UserFacingError(409, 'social.rule.already_published');
      if (p.status === 'queued' || p.status === 'scheduled') throw new UserFacingError(409, 'social.rule.in_outbox');
      Object.assign(p, { status: 'published', externalUrl: dto.url, publishedAt: this.clock.now(), lastError: null });
      await this.repo.save(p, m);
      await this.audit.record(actor, { action: 'social.mark_published', entityType: 'social_post', entityId: p.id, details: { url: dto.url } }, m);
      return p;
    });
  }

  /** Article-134 warnings (personal promotion) on a post's text. */
  promotionWarnings(p: SocialPost) {
    return this.gate.review(p.text);
  }

  async get(id: number) {
    const p = await this.repo.findById(id);
    if (!p) throw new NotFoundException();
    return p;
  }

  async photosOf(id: number) {
    return this.bank.findByIds(await this.repo.mediaIds(id));
  }

  list(statuses: SocialPost['status'][], limit?: number) {
    return this.repo.list(statuses, limit);
  }

  between(from: Date, to: Date) {
    return this.repo.between(from, to);
  }
}
