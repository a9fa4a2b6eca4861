import { Inject, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../../audit/audit-actor';
import { AuditService } from '../../audit/audit.service';
import { PublicationGate } from '../../common/publication-gate';
import { Clock } from '../../common/clock';
import { FieldError } from '../../common/forms';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { article134Warnings, PromotionFinding } from './article-134';
import { BlackoutPeriod } from './blackout-period.entity';
import { BlackoutAct, BlackoutDecision, BlackoutException, BlackoutPeriodLike, decideBlackout, localDay, periodProblem } from './blackout-rules';
import { BlackoutPeriodFormDto, WatchedNameFormDto } from './blackout.dto';
import { BlackoutRepository } from './blackout.repository';

export interface BlackoutCheck {
  act: BlackoutAct;
  /** When the act happens (now, or when it is scheduled to run). */
  at: Date;
  exception?: string | null;
  reason?: string | null;
  actor: Actor;
  /** The item acted on, for the audit trail: 'press_release', 'social_post', 'campaign_piece'… */
  entityType: string;
  entityId: string | number | null;
}

/**
 * Raised when the blackout refuses an act. It is a FieldError on `exception` (or on
 * `exceptionReason` when the exception lacks its reason), so a form shows it beside the field;
 * `period` says which blackout is in force.
 */
export class BlackoutRefusedError extends FieldError {
  constructor(
    field: string,
    messageKey: string,
    readonly period: BlackoutPeriodLike,
  ) {
    super(field, messageKey);
  }
}

export type BlackoutOutcome = { verdict: 'allowed' } | { verdict: 'exception'; period: BlackoutPeriodLike; exception: BlackoutException; reason: string };

/** The electoral blackout: periods kept by admins, the check other modules call, the article-134 warning. */
@Injectable()
export class BlackoutService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: BlackoutRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly gate: PublicationGate,
  ) {}

  /** The meeting point with press releases and the social page: their publishing asks the blackout rule. */
  onModuleInit() {
    this.gate.register((manager, request) => this.check(manager, request));
    // Releases and social posts (earlier modules) show the same article-134 warning as pieces.
    this.gate.registerReview((text, manager) => this.article134(text, manager));
  }

  /**
   * Call inside the transaction that sends, publishes or runs the item. Outside any blackout
   * it returns { verdict: 'allowed' }. During one it throws BlackoutRefusedError unless a legal
   * exception with its reason is given; then the override is written to the audit log (action
   * 'blackout.exception') in the same transaction and { verdict: 'exception', … } is returned.
   */
  async check(manager: EntityManager, input: BlackoutCheck): Promise<BlackoutOutcome> {
    const day = localDay(input.at, this.config.TIMEZONE);
    const periods = await this.repo.periodsBetween(day, day, manager);
    const decision: BlackoutDecision = decideBlackout(periods, input, this.config.TIMEZONE);
    if (decision.verdict === 'refused') throw new BlackoutRefusedError(decision.field, decision.messageKey, decision.period);
    if (decision.verdict === 'exception') {
      await this.audit.record(
        input.actor,
        {
          action: 'blackout.exception',
          entityType: input.entityType,
          entityId: input.entityId,
          details: { act: input.act, at: input.at.toISOString(), exception: decision.exception, reason: decision.reason, periodId: decision.period.id, period: decision.period.name },
        },
        manager,
      );
    }
    return decision;
  }

  /** The decision without side effects, e.g. to show a warning before the person acts. */
  async preview(act: BlackoutAct, at: Date, manager?: EntityManager): Promise<BlackoutPeriod | null> {
    const day = localDay(at, this.config.TIMEZONE);
    return (await this.repo.periodsBetween(day, day, manager))[0] ?? null;
  }

  /** The period in force now, if any. */
  current(manager?: EntityManager): Promise<BlackoutPeriod | null> {
    return this.preview('send_release', this.clock.now(), manager);
  }

  /** Periods touching [from, to], YYYY-MM-DD, for calendars. */
  between(from: string, to: string, manager?: EntityManager) {
    return this.repo.periodsBetween(from, to, manager);
  }

  /** The article-134 warning for a text, with the watched names from /admin/veda. */
  async article134(text: string, manager?: EntityManager): Promise<PromotionFinding[]> {
    const names = (await this.repo.watchedNames(manager)).map((w) => w.name);
    return article134Warnings(text, names);
  }

  // Administration
  periods() {
    return this.repo.periods();
  }
  async period(id: number) {
    const p = await this.repo.findPeriod(id);
    if (!p) throw new NotFoundException();
    return p;
  }

  async savePeriod(id: number | null, dto: BlackoutPeriodFormDto, actor: Actor, manager?: EntityManager): Promise<BlackoutPeriod> {
    const problem = periodProblem(dto.startsOn, dto.endsOn);
    if (problem) throw new FieldError('endsOn', problem);
    const run = async (m: EntityManager) => {
      const fields = { name: dto.name, kind: dto.kind, startsOn: dto.startsOn, endsOn: dto.endsOn, notes: dto.notes ?? null };
      if (id === null) {
        const p = await this.repo.savePeriod(fields, m);
        await this.audit.record(actor, { action: 'blackout_period.create', entityType: 'blackout_period', entityId: p.id, details: fields }, m);
        return p;
      }
      const p = await this.repo.findPeriod(id, m);
      if (!p) throw new NotFoundException();
      const before = { name: p.name, kind: p.kind, startsOn: p.startsOn, endsOn: p.endsOn, notes: p.notes };
      Object.assign(p, fields);
      await this.repo.savePeriod(p, m);
      await this.audit.record(actor, { action: 'blackout_period.update', entityType: 'blackout_period', entityId: id, details: { before, after: fields } }, m);
      return p;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async deletePeriod(id: number, actor: Actor): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const p = await this.repo.findPeriod(id, m);
      if (!p) throw new NotFoundException();
      await this.repo.deletePeriod(id, m);
      await this.audit.record(actor, { action: 'blackout_period.delete', entityType: 'blackout_period', entityId: id, details: { name: p.name, startsOn: p.startsOn, endsOn: p.endsOn } }, m);
    });
  }

  watchedNames() {
    return this.repo.watchedNames();
  }

  async addWatchedName(dto: WatchedNameFormDto, actor: Actor, manager?: EntityManager) {
    const run = async (m: EntityManager) => {
      if (await this.repo.findWatchedByName(dto.name, m)) throw new FieldError('name', 'blackout.validation.watched_exists');
      const w = await this.repo.saveWatched({ name: dto.name, position: dto.position ?? null }, m);
      await this.audit.record(actor, { action: 'promotion_watch_name.create', entityType: 'promotion_watch_name', entityId: w.id, details: { name: w.name } }, m);
      return w;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async removeWatchedName(id: number, actor: Actor) {
    await this.dataSource.transaction(async (m) => {
      await this.repo.deleteWatched(id, m);
      await this.audit.record(actor, { action: 'promotion_watch_name.delete', entityType: 'promotion_watch_name', entityId: id }, m);
    });
  }
}
