/// <reference types="multer" />
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../audit/audit-actor';
import { AuditService } from '../../audit/audit.service';
import { Clock } from '../../common/clock';
import { FileStorage } from '../../storage/file-storage';
import { FieldError } from '../../common/forms';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { localDay } from '../blackout/blackout-rules';
import { BlackoutService } from '../blackout/blackout.service';
import { checkUpload } from '../uploads';
import { PieceStatus, pieceMoveProblem } from './campaign-kinds';
import { CampaignPiece } from './campaign-piece.entity';
import { Campaign } from './campaign.entity';
import { CampaignFormDto, PieceFormDto, PieceMoveFormDto, StrategyFormDto } from './campaigns.dto';
import { CampaignsRepository } from './campaigns.repository';

/** The year's strategy, its campaigns and their pieces; publishing a piece goes through the blackout check. */
@Injectable()
export class CampaignsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: CampaignsRepository,
    private readonly audit: AuditService,
    private readonly storage: FileStorage,
    private readonly blackout: BlackoutService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private tx<T>(manager: EntityManager | undefined, fn: (m: EntityManager) => Promise<T>): Promise<T> {
    return manager ? fn(manager) : this.dataSource.transaction(fn);
  }

  strategy(year: number) {
    return this.repo.strategy(year);
  }

  async saveStrategy(dto: StrategyFormDto, actor: Actor, manager?: EntityManager) {
    return this.tx(manager, async (m) => {
      const existing = await this.repo.strategy(dto.year, m);
      const fields = { year: dto.year, title: dto.title, objectives: dto.objectives, keyMessages: dto.keyMessages ?? null, audiences: dto.audiences ?? null };
      const s = await this.repo.saveStrategy(existing ? Object.assign(existing, fields) : fields, m);
      await this.audit.record(actor, { action: existing ? 'communication_strategy.update' : 'communication_strategy.create', entityType: 'communication_strategy', entityId: s.id, details: { year: s.year, title: s.title } }, m);
      return s;
    });
  }

  campaigns(year: number) {
    return this.repo.campaigns(year);
  }
  async campaign(id: number): Promise<Campaign> {
    const c = await this.repo.findCampaign(id);
    if (!c) throw new NotFoundException();
    return c;
  }

  async saveCampaign(id: number | null, dto: CampaignFormDto, actor: Actor, manager?: EntityManager): Promise<Campaign> {
    if (dto.endsOn < dto.startsOn) throw new FieldError('endsOn', 'campaigns.validation.ends_before_start');
    return this.tx(manager, async (m) => {
      const year = Number(dto.startsOn.slice(0, 4));
      const other = await this.repo.findCampaignByName(year, dto.name, m);
      if (other && other.id !== id) throw new FieldError('name', 'campaigns.validation.name_taken');
      const fields = { year, name: dto.name, type: dto.type as Campaign['type'], topic: dto.topic ?? null, objective: dto.objective, audience: dto.audience ?? null, startsOn: dto.startsOn, endsOn: dto.endsOn, mediaPlan: dto.mediaPlan ?? null };
      if (id === null) {
        const c = await this.repo.saveCampaign({ ...fields, createdByUserId: actor.userId }, m);
        await this.audit.record(actor, { action: 'campaign.create', entityType: 'campaign', entityId: c.id, details: { name: c.name, type: c.type } }, m);
        return c;
      }
      const c = await this.repo.findCampaign(id, m);
      if (!c) throw new NotFoundException();
      Object.assign(c, fields);
      await this.repo.saveCampaign(c, m);
      await this.audit.record(actor, { action: 'campaign.update', entityType: 'campaign', entityId: id, details: { name: c.name } }, m);
      return c;
    });
  }

  pieces(filter: { campaignId?: number; from?: string; to?: string }) {
    return this.repo.pieces(filter);
  }
  async piece(id: number): Promise<CampaignPiece> {
    const p = await this.repo.findPiece(id);
    if (!p) throw new NotFoundException();
    return p;
  }
  files(pieceId: number) {
    return this.repo.files(pieceId);
  }

  async savePiece(id: number | null, campaignId: number, dto: PieceFormDto, actor: Actor, manager?: EntityManager): Promise<CampaignPiece> {
    if (dto.runsOn && dto.runsUntil && dto.runsUntil < dto.runsOn) throw new FieldError('runsUntil', 'campaigns.validation.ends_before_start');
    if (!dto.runsOn && dto.runsUntil) throw new FieldError('runsOn', 'campaigns.validation.runs_on_first');
    return this.tx(manager, async (m) => {
      if (!(await this.repo.findCampaign(campaignId, m))) throw new NotFoundException();
      if (dto.outletId && !(await this.repo.outletExists(dto.outletId, m))) throw new FieldError('outletId', 'agreements.validation.outlet');
      const fields = { kind: dto.kind as CampaignPiece['kind'], title: dto.title, script: dto.script ?? null, outletId: dto.outletId ?? null, placement: dto.placement ?? null, runsOn: dto.runsOn ?? null, runsUntil: dto.runsUntil ?? null };
      if (id === null) {
        const p = await this.repo.savePiece({ ...fields, campaignId, status: 'idea', createdByUserId: actor.userId }, m);
        await this.audit.record(actor, { action: 'campaign_piece.create', entityType: 'campaign_piece', entityId: p.id, details: { campaignId, title: p.title, kind: p.kind } }, m);
        return p;
      }
      const p = await this.repo.findPieceForUpdate(id, m);
      if (!p || p.campaignId !== campaignId) throw new NotFoundException();
      if (p.status === 'published') throw new FieldError('title', 'campaigns.validation.published_locked');
      Object.assign(p, fields);
      await this.repo.savePiece(p, m);
      await this.audit.record(actor, { action: 'campaign_piece.update', entityType: 'campaign_piece', entityId: id, details: fields }, m);
      return p;
    });
  }

  /**
   * The instant the blackout is checked at when a piece is published: the first day of its run
   * that falls inside a blackout period (a piece scheduled into a blackout is refused now),
   * otherwise now.
   */
  private async runInstant(p: CampaignPiece, manager: EntityManager): Promise<Date> {
    const now = this.clock.now();
    const today = localDay(now, this.config.TIMEZONE);
    const from = p.runsOn && p.runsOn > today ? p.runsOn : today;
    const to = [p.runsUntil ?? p.runsOn ?? today, from].sort().reverse()[0];
    const periods = await this.blackout.between(from, to, manager);
    if (!periods.length) return now;
    const first = [from, ...periods.map((x) => x.startsOn)].filter((d) => d >= from).sort().find((d) => periods.some((x) => x.startsOn <= d && d <= x.endsOn))!;
    return first === today ? now : new Date(`${first}T12:00:00-06:00`);
  }

  /**
   * One step along idea → guion → producción → aprobado → publicado. Publishing is running the
   * piece: BlackoutService.check refuses it during a blackout unless a legal exception and its
   * reason are given (then the override is audited).
   */
  async movePiece(id: number, dto: PieceMoveFormDto, actor: Actor, manager?: EntityManager): Promise<CampaignPiece> {
    return this.tx(manager, async (m) => {
      const p = await this.repo.findPieceForUpdate(id, m);
      if (!p) throw new NotFoundException();
      const to = dto.to as PieceStatus;
      const problem = pieceMoveProblem(p.status, to, actor.role ?? '');
      if (problem) throw new FieldError('to', problem);
      const details: Record<string, unknown> = { from: p.status, to };
      if (to === 'published') {
        const outcome = await this.blackout.check(m, { act: 'run_campaign_piece', at: await this.runInstant(p, m), exception: dto.exception, reason: dto.exceptionReason, actor, entityType: 'campaign_piece', entityId: id });
        if (outcome.verdict === 'exception') {
          p.blackoutException = outcome.exception;
          p.blackoutReason = outcome.reason;
          details.exception = outcome.exception;
        }
        p.publishedAt = this.clock.now();
      }
      p.status = to;
      await this.repo.savePiece(p, m);
      await this.audit.record(actor, { action: `campaign_piece.${to}`, entityType: 'campaign_piece', entityId: id, details }, m);
      return p;
    });
  }

  async addFile(pieceId: number, file: Express.Multer.File | undefined, actor: Actor) {
    const checked = await checkUpload(file, 'file', true);
    await this.piece(pieceId);
    const key = this.storage.newKey('campaigns', checked.ext);
    await this.storage.put(key, file!.buffer);
    try {
      return await this.dataSource.transaction(async (m) => {
        const f = await this.repo.saveFile({ pieceId, storageKey: key, originalName: checked.originalName, mimeType: checked.mime, size: checked.size, uploadedByUserId: actor.userId }, m);
        await this.audit.record(actor, { action: 'campaign_piece.file', entityType: 'campaign_piece', entityId: pieceId, details: { fileId: f.id, name: f.originalName, size: f.size } }, m);
        return f;
      });
    } catch (e) {
      await this.storage.delete(key);
      throw e;
    }
  }

  async file(pieceId: number, fileId: number) {
    const f = await this.repo.findFile(fileId);
    if (!f || f.pieceId !== pieceId) throw new NotFoundException();
    return f;
  }
}
