import { Module } from '@nestjs/common';
import { AgendaController } from './agenda.controller';
import { AgendaEventsService } from './agenda-events.service';
import { AgendaNotices } from './agenda-notices';
import { AgendaRouteService } from './agenda-route.service';
import { AgendaRepository } from './agenda.repository';
import { CalendarFeedController } from './calendar-feed.controller';
import { CalendarFeedService } from './calendar-feed.service';
import { CoverageService } from './coverage.service';
import { EventAttachmentsService } from './event-attachments.service';

@Module({
  // The feed controller first: its /agenda/calendario and /agenda/ical routes are static.
  controllers: [CalendarFeedController, AgendaController],
  providers: [AgendaRepository, AgendaNotices, CoverageService, AgendaEventsService, AgendaRouteService, CalendarFeedService, EventAttachmentsService],
  exports: [AgendaRouteService, AgendaEventsService, AgendaNotices, CoverageService],
})
export class AgendaModule {}
