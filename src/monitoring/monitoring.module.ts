import { AgendaModule } from '../agenda/agenda.module';
import { Module } from '@nestjs/common';
import { MediaRelationsModule } from '../media-relations/media-relations.module';
import { FeedFetcher } from './feed-fetcher';
import { MonitoringPollWorker } from './monitoring-poll.worker';
import { MonitoringController } from './monitoring.controller';
import { MonitoringRepository } from './monitoring.repository';
import { MonitoringService } from './monitoring.service';

/** Media monitoring: clippings, feeds polled for candidates, the report. Pickup per release joins with press-releases. */
@Module({
  imports: [MediaRelationsModule, AgendaModule],
  controllers: [MonitoringController],
  providers: [FeedFetcher, MonitoringRepository, MonitoringService, MonitoringPollWorker],
  exports: [MonitoringService],
})
export class MonitoringModule {}
