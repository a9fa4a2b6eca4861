/// <reference types="multer" />
import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import Parser from 'rss-parser';
import { DataSource, EntityManager } from 'typeorm';
import { AgendaRouteService } from '../agenda/agenda-route.service';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { FileStorage } from '../storage/file-storage';
import { httpUrlOrNull } from '../common/outbound-guard';
import { OutboundHttp } from '../common/outbound-http';
import { FieldError } from '../common/forms';
import { APP_CONFIG, AppConfig } from '../config/config';
import { checkClippingFile } from './clipping-files';
import { Clipping } from './clipping.entity';
import { FeedFetcher } from './feed-fetcher';
import { itemKey, matchKeywords, mediumOfOutlet, MediumKind, parseTags, pickupOf, Tone, zonedToUtc } from './monitoring-rules';
import { AcceptFormDto, ClippingFormDto, FeedFormDto, KeywordFormDto } from './monitoring.dto';
import { MonitoringRepository } from './monitoring.repository';
import { wallClockAsUtc } from '../common/local-time';

export interface FeedReport {
  feedId: number;
  name: string;
  status: 'ok' | 'not_modified' | 'error';
  items: number;
  candidates: number;
  error: string | null;
}

/** Clippings by hand, feeds polled for candidate clippings by keyword rules, and the report. */
@Injectable()
export class MonitoringService {
  private readonly logger = new Logger('Monitoring');
  private readonly parser = new Parser();
  private polling?: Promise<FeedReport[]>;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: MonitoringRepository,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    private readonly fetcher: FeedFetcher,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly route: AgendaRouteService,
    private readonly outbound: OutboundHttp,
  ) {}

  clippings(filter: { tone?: string; medium?: string; outletId?: number }) {
    return this.repo.clippings(filter);
  }
  summary(from: string, to: string) {
    return this.repo.summary(from, to, this.config.TIMEZONE);
  }
  async clipping(id: number) {
    const c = await this.repo.findClipping(id);
    if (!c) throw new NotFoundException();
    return c;
  }
  async clippingFile(id: number) {
    const c = await this.clipping(id);
    if (!c.storageKey) throw new NotFoundException();
    return { clipping: c, key: c.storageKey };
  }

  /**
   * Pickup of a release (for press-releases): the outlets it was sent to that published it
   * (clippings linked to it), the ratio, and the outlets still missing, for a follow-up call.
   */
  async pickup(releaseId: number, sentOutletIds: number[], manager?: EntityManager) {
    return pickupOf(sentOutletIds, await this.repo.outletsWithClipping(releaseId, manager));
  }

  /**
   * Pickup of a release: outlets it was sent to, which of them published it (a clipping linked
   * to the release), the ratio, and who to call at those that did not.
   */
  async releasePickup(releaseId: number) {
    const release = await this.repo.releaseForPickup(releaseId);
    if (!release) throw new NotFoundException();
    const sent = await this.repo.sentOutlets(releaseId);
    const p = await this.pickup(releaseId, sent.map((o) => o.outletId));
    const published = new Set(p.published);
    return {
      release,
      ratio: p.ratio,
      sentCount: p.sent,
      publishedCount: p.published.length,
      outlets: sent.map((o) => ({ ...o, published: published.has(o.outletId) })),
      elsewhere: await this.repo.outletNames(p.elsewhere),
      checks: await this.repo.pickupChecks(releaseId),
    };
  }

  /** The day-after check is logged; it ticks "monitorear publicación" on the event's route. */
  async logPickupCheck(releaseId: number, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const release = await this.repo.releaseForPickup(releaseId, m);
      if (!release) throw new NotFoundException();
      const sent = await this.repo.sentOutlets(releaseId, m);
      const p = pickupOf(sent.map((o) => o.outletId), await this.repo.outletsWithClipping(releaseId, m));
      await this.audit.record(actor, { action: 'monitoring.pickup_checked', entityType: 'press_release', entityId: releaseId, details: { sent: p.sent, published: p.published.length, missing: p.missing } }, m);
      if (release.eventId) await this.route.markRouteStep(m, release.eventId, 'monitor', actor, 'monitoring');
    });
  }

  /** An outlet's clippings over a period, as evidence for an agreement's deliveries. */
  clippingsOfOutlet(outletId: number, from: string, to: string, manager?: EntityManager) {
    return this.repo.clippingsOfOutlet(outletId, from, to, this.config.TIMEZONE, manager);
  }

  /** The month's summary as a workbook: the clippings, then counts by tone, medium, outlet and week. */
  async monthlyXlsx(from: string, to: string, labels: { tone: (k: string) => string; medium: (k: string) => string }): Promise<Buffer> {
    const rows = await this.repo.clippingsBetween(from, to, this.config.TIMEZONE);
    const s = await this.summary(from, to);
    const wb = new ExcelJS.Workbook();
    wb.creator = 'Cabildo';
    const ws = wb.addWorksheet('Testigos');
    ws.columns = [
      { header: 'Fecha', key: 'date', width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } },
      { header: 'Medio', key: 'outlet', width: 28 },
      { header: 'Tipo de medio', key: 'medium', width: 14 },
      { header: 'Encabezado', key: 'headline', width: 60 },
      { header: 'Tono', key: 'tone', width: 10 },
      { header: 'Alcance', key: 'reach', width: 12 },
      { header: 'Comunicado', key: 'release', width: 12 },
      { header: 'Enlace', key: 'url', width: 40 },
    ];
    ws.getRow(1).font = { bold: true };
    // A real date cell on the town hall's clock (XLSX dates carry no zone), not text Excel cannot sort.
    for (const r of rows) ws.addRow({ date: wallClockAsUtc(r.publishedAt, this.config.TIMEZONE), outlet: r.outletName ?? '', medium: labels.medium(r.medium), headline: r.headline, tone: labels.tone(r.tone), reach: r.reach, release: r.releaseId, url: r.url ?? '' });
    const counts = wb.addWorksheet('Resumen');
    const block = (title: string, items: { key: string; n: number }[], label: (k: string) => string = (k) => k) => {
      counts.addRow([title]).font = { bold: true };
      for (const i of items) counts.addRow([label(i.key), i.n]);
      counts.addRow([]);
    };
    block('Por tono', s.byTone, labels.tone);
    block('Por tipo de medio', s.byMedium, labels.medium);
    block('Por medio', s.byOutlet);
    block('Por semana (lunes)', s.byWeek);
    counts.getColumn(1).width = 32;
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  /** Log a clipping by hand, with an optional scan, audio or video checked by its content. */
  async addClipping(dto: ClippingFormDto, file: Express.Multer.File | undefined, actor: Actor, manager?: EntityManager): Promise<Clipping> {
    const checked = file?.size ? await checkClippingFile(file) : null;
    const key = checked ? this.storage.newKey('clippings', checked.ext) : null;
    if (key) await this.storage.put(key, file!.buffer);
    const run = async (m: EntityManager) => {
      if (dto.outletId && !(await this.repo.outletBrief(dto.outletId, m))) throw new FieldError('outletId', 'monitoring.validation.outlet');
      const c = await this.repo.saveClipping(
        {
          outletId: dto.outletId ?? null,
          medium: dto.medium as MediumKind,
          publishedAt: zonedToUtc(dto.publishedAt, this.config.TIMEZONE),
          headline: dto.headline,
          url: dto.url ?? null,
          excerpt: dto.excerpt ?? null,
          tone: dto.tone as Tone,
          reach: dto.reach ?? null,
          releaseId: dto.releaseId ?? null,
          tags: parseTags(dto.tags),
          storageKey: key,
          fileName: checked?.originalName ?? null,
          fileMime: checked?.mime ?? null,
          loggedByUserId: actor.userId,
          loggedBy: actor.label,
        },
        m,
      );
      await this.audit.record(actor, { action: 'clipping.create', entityType: 'clipping', entityId: c.id, details: { headline: c.headline, outletId: c.outletId, tone: c.tone, releaseId: c.releaseId } }, m);
      return c;
    };
    try {
      return await (manager ? run(manager) : this.dataSource.transaction(run));
    } catch (e) {
      if (key) await this.storage.delete(key);
      throw e;
    }
  }

  // Feeds and keywords
  feeds() {
    return this.repo.feeds();
  }
  keywords() {
    return this.repo.keywords();
  }

  async addFeed(dto: FeedFormDto, actor: Actor, manager?: EntityManager) {
    const run = async (m: EntityManager) => {
      if (!this.outbound.allowed(dto.url)) throw new FieldError('url', 'monitoring.validation.feed_not_public');
      if (await this.repo.findFeedByUrl(dto.url, m)) throw new FieldError('url', 'monitoring.validation.feed_exists');
      if (dto.outletId && !(await this.repo.outletBrief(dto.outletId, m))) throw new FieldError('outletId', 'monitoring.validation.outlet');
      const f = await this.repo.saveFeed({ name: dto.name, url: dto.url, outletId: dto.outletId ?? null, active: true }, m);
      await this.audit.record(actor, { action: 'monitoring_feed.create', entityType: 'monitoring_feed', entityId: f.id, details: { name: f.name, url: f.url } }, m);
      return f;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async toggleFeed(id: number, actor: Actor) {
    await this.dataSource.transaction(async (m) => {
      const f = await this.repo.findFeed(id, m);
      if (!f) throw new NotFoundException();
      f.active = !f.active;
      await this.repo.saveFeed(f, m);
      await this.audit.record(actor, { action: f.active ? 'monitoring_feed.activate' : 'monitoring_feed.deactivate', entityType: 'monitoring_feed', entityId: id }, m);
    });
  }

  async addKeyword(dto: KeywordFormDto, actor: Actor, manager?: EntityManager) {
    const run = async (m: EntityManager) => {
      if (await this.repo.findKeyword(dto.term, m)) throw new FieldError('term', 'monitoring.validation.term_exists');
      const k = await this.repo.saveKeyword({ term: dto.term }, m);
      await this.audit.record(actor, { action: 'monitoring_keyword.create', entityType: 'monitoring_keyword', entityId: k.id, details: { term: k.term } }, m);
      return k;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async removeKeyword(id: number, actor: Actor) {
    await this.dataSource.transaction(async (m) => {
      await this.repo.deleteKeyword(id, m);
      await this.audit.record(actor, { action: 'monitoring_keyword.delete', entityType: 'monitoring_keyword', entityId: id }, m);
    });
  }

  /**
   * Poll every active feed, one after another, each with its own timeout and size limit; a
   * feed that fails is recorded and reported and the others go on. Items matching a keyword
   * become candidate clippings, once per published piece. Concurrent callers share one round.
   */
  pollFeeds(): Promise<FeedReport[]> {
    this.polling ??= this.pollAll().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async pollAll(): Promise<FeedReport[]> {
    const terms = (await this.repo.keywords()).map((k) => k.term);
    const reports: FeedReport[] = [];
    for (const feed of await this.repo.activeFeeds()) {
      const report: FeedReport = { feedId: feed.id, name: feed.name, status: 'ok', items: 0, candidates: 0, error: null };
      try {
        const result = await this.fetcher.fetch(feed.url, { etag: feed.etag, lastModified: feed.lastModified });
        if (result.status === 'not_modified') {
          report.status = 'not_modified';
        } else {
          let parsed: Awaited<ReturnType<Parser['parseString']>>;
          try {
            parsed = await this.parser.parseString(result.body);
          } catch (e) {
            throw new Error('no es un RSS/Atom válido');
          }
          report.items = parsed.items.length;
          for (const item of parsed.items) {
            const text = `${item.title ?? ''}\n${item.contentSnippet ?? item.summary ?? ''}\n${(item.categories ?? []).join(' ')}`;
            const matched = matchKeywords(text, terms);
            const key = itemKey(item);
            if (!matched.length || !key) continue;
            const published = item.isoDate ? new Date(item.isoDate) : null;
            const inserted = await this.repo.insertCandidate({
              feedId: feed.id,
              itemKey: key.slice(0, 1100),
              title: (item.title ?? item.link ?? '—').slice(0, 300),
              link: httpUrlOrNull(item.link)?.slice(0, 1000) ?? null,
              publishedAt: published && !Number.isNaN(published.getTime()) ? published : null,
              snippet: (item.contentSnippet ?? item.summary ?? '').slice(0, 2000) || null,
              matched,
            });
            if (inserted) report.candidates++;
          }
          await this.repo.updateFeedState(feed.id, { etag: result.etag?.slice(0, 300) ?? null, lastModified: result.lastModified?.slice(0, 100) ?? null });
        }
        await this.repo.updateFeedState(feed.id, { lastCheckedAt: this.clock.now(), lastStatus: report.status, lastError: null });
      } catch (e) {
        report.status = 'error';
        report.error = ((e as Error).message ?? String(e)).slice(0, 500);
        this.logger.warn(`fuente ${feed.name} (#${feed.id}): ${report.error}`);
        await this.repo.updateFeedState(feed.id, { lastCheckedAt: this.clock.now(), lastStatus: 'error', lastError: report.error });
      }
      reports.push(report);
    }
    return reports;
  }

  async candidates(status = 'pending') {
    // Links stored before only http(s) was kept are not rendered either.
    return (await this.repo.candidates(status)).map((k) => ({ ...k, link: httpUrlOrNull(k.link) }));
  }

  /** A candidate becomes a clipping, with the feed's outlet and its medium. */
  async acceptCandidate(id: number, dto: AcceptFormDto, actor: Actor): Promise<Clipping> {
    return this.dataSource.transaction(async (m) => {
      const k = await this.repo.findCandidateForUpdate(id, m);
      if (!k) throw new NotFoundException();
      if (k.status !== 'pending') throw new FieldError('tone', 'monitoring.validation.already_decided');
      const feed = await this.repo.findFeed(k.feedId, m);
      const outlet = feed?.outletId ? await this.repo.outletBrief(feed.outletId, m) : null;
      if (dto.releaseId && !(await this.repo.releaseForPickup(dto.releaseId, m))) throw new FieldError('releaseId', 'monitoring.validation.release');
      const c = await this.repo.saveClipping(
        {
          outletId: outlet?.id ?? null,
          releaseId: dto.releaseId ?? null,
          medium: mediumOfOutlet(outlet?.type),
          publishedAt: k.publishedAt ?? this.clock.now(),
          headline: k.title,
          url: httpUrlOrNull(k.link),
          excerpt: k.snippet,
          tone: dto.tone as Tone,
          reach: outlet?.reach ?? null,
          tags: k.matched.map((t) => t.toLowerCase()).slice(0, 20),
          candidateId: k.id,
          loggedByUserId: actor.userId,
          loggedBy: actor.label,
        },
        m,
      );
      await this.repo.setCandidateStatus(id, 'accepted', m);
      await this.audit.record(actor, { action: 'clipping.accept_candidate', entityType: 'clipping', entityId: c.id, details: { candidateId: id, headline: c.headline, tone: c.tone, releaseId: c.releaseId } }, m);
      return c;
    });
  }

  linkableReleases() {
    return this.repo.linkableReleases();
  }

  /** A clipping (by hand or from a feed) linked to a release afterwards, or unlinked (null). */
  async linkClipping(id: number, releaseId: number | null, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const before = await this.repo.findClipping(id, m);
      if (!before) throw new NotFoundException();
      if (releaseId && !(await this.repo.releaseForPickup(releaseId, m))) throw new FieldError('releaseId', 'monitoring.validation.release');
      await this.repo.linkClipping(id, releaseId, m);
      await this.audit.record(actor, { action: 'clipping.link_release', entityType: 'clipping', entityId: id, details: { from: before.releaseId, to: releaseId } }, m);
    });
  }

  async discardCandidate(id: number, actor: Actor) {
    await this.dataSource.transaction(async (m) => {
      const k = await this.repo.findCandidateForUpdate(id, m);
      if (!k) throw new NotFoundException();
      if (k.status !== 'pending') return;
      await this.repo.setCandidateStatus(id, 'discarded', m);
      await this.audit.record(actor, { action: 'clipping_candidate.discard', entityType: 'clipping_candidate', entityId: id, details: { title: k.title } }, m);
    });
  }
}
