import { Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { AgendaRouteService } from '../agenda/agenda-route.service';
import { RouteStep } from '../agenda/route';
import { PressReleasesService, ReleaseStep } from './press-releases.service';

/** Which step of the event's daily route each step of a release completes. */
export const ROUTE_STEP_OF: Record<ReleaseStep, RouteStep | null> = {
  drafted: 'draft_release',
  sent: 'send_release',
  delivered: 'confirm_delivery',
  published: null,
};

/**
 * Ticks the agenda's route ("redactar comunicado", "enviar", "confirmar envíos") when a
 * release linked to an event reaches those steps, in the same transaction.
 */
@Injectable()
export class AgendaRouteLink implements OnModuleInit {
  constructor(
    private readonly releases: PressReleasesService,
    private readonly route: AgendaRouteService,
  ) {}

  onModuleInit() {
    this.releases.onStep(async (step, release, manager, actor) => {
      const routeStep = ROUTE_STEP_OF[step];
      if (!release.eventId || !routeStep) return;
      try {
        await this.route.markRouteStep(manager, release.eventId, routeStep, actor, 'releases');
      } catch (e) {
        // An event deleted since the release was linked: the release goes on without it.
        if (!(e instanceof NotFoundException)) throw e;
      }
    });
  }
}
