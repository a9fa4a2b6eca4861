import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { AgendaRepository } from './agenda.repository';
import { isRouteStep, RouteStep, routeState, StepState } from './route';

/**
 * The daily route's checklist. Exported: later modules tick their own steps (the release
 * module "draft_release"/"send_release", distribution "confirm_delivery", monitoring "monitor")
 * with markRouteStep inside their own transaction.
 */
@Injectable()
export class AgendaRouteService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: AgendaRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Mark a step done (idempotent: a step already done keeps its first who and when). Returns true if it changed. */
  async markRouteStep(manager: EntityManager, eventId: number, step: RouteStep, actor: Actor, source = 'manual'): Promise<boolean> {
    if (!isRouteStep(step)) throw new BadRequestException();
    const event = await this.repo.findEvent(eventId, manager);
    if (!event) throw new NotFoundException();
    const now = this.clock.now();
    const changed = await this.repo.markStep({ eventId, step, doneAt: now, doneById: actor.userId, doneBy: actor.label, source }, manager);
    if (changed) {
      await this.repo.addChange({ eventId, at: now, userId: actor.userId, actor: actor.label, action: 'route_done', reason: null, details: { step, source } }, manager);
      await this.audit.record(actor, { action: 'agenda.route_done', entityType: 'agenda_event', entityId: eventId, details: { step, source } }, manager);
    }
    return changed;
  }

  /** Undo a step ticked by mistake. */
  async unmarkRouteStep(manager: EntityManager, eventId: number, step: RouteStep, actor: Actor): Promise<boolean> {
    if (!isRouteStep(step)) throw new BadRequestException();
    const changed = await this.repo.unmarkStep(eventId, step, manager);
    if (changed) {
      await this.repo.addChange({ eventId, at: this.clock.now(), userId: actor.userId, actor: actor.label, action: 'route_undone', reason: null, details: { step } }, manager);
      await this.audit.record(actor, { action: 'agenda.route_undone', entityType: 'agenda_event', entityId: eventId, details: { step } }, manager);
    }
    return changed;
  }

  /** Tick or untick by hand (the press office, until the later modules tick for themselves). */
  toggle(eventId: number, step: string, done: boolean, actor: Actor): Promise<boolean> {
    if (!isRouteStep(step)) throw new BadRequestException();
    return this.dataSource.transaction((m) => (done ? this.markRouteStep(m, eventId, step, actor) : this.unmarkRouteStep(m, eventId, step, actor)));
  }

  /** The checklist of each event, keyed by event id. */
  async states(events: { id: number; startsAt: Date; endsAt: Date }[], manager?: EntityManager): Promise<Map<number, StepState[]>> {
    const done = await this.repo.routeDone(events.map((e) => e.id), manager);
    const now = this.clock.now();
    return new Map(events.map((e) => [e.id, routeState({ startsAt: new Date(e.startsAt), endsAt: new Date(e.endsAt) }, done.filter((d) => d.eventId === e.id).map((d) => ({ ...d, doneAt: new Date(d.doneAt) })), now)]));
  }
}
