import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MediaRelationsModule } from '../media-relations/media-relations.module';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { BlackoutAdminController } from './blackout/blackout-admin.controller';
import { BlackoutRepository } from './blackout/blackout.repository';
import { BlackoutService } from './blackout/blackout.service';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignsRepository } from './campaigns/campaigns.repository';
import { CampaignsService } from './campaigns/campaigns.service';
import { TransparencyReminderWorker } from './transparency/transparency-reminder.worker';
import { TransparencyController } from './transparency/transparency.controller';
import { TransparencyRepository } from './transparency/transparency.repository';
import { TransparencyService } from './transparency/transparency.service';
import { AgreementsController } from './contracts/agreements.controller';
import { AgreementsService } from './contracts/agreements.service';
import { ContractsRepository } from './contracts/contracts.repository';

/**
 * Media agreements, the social-communication budget, campaigns, transparency exports and
 * the electoral blackout. Exported: BlackoutService (check, article134) for releases and posts.
 */
@Module({
  imports: [MediaRelationsModule, AuthModule, MonitoringModule],
  controllers: [BlackoutAdminController, AgreementsController, CampaignsController, TransparencyController],
  providers: [BlackoutRepository, BlackoutService, ContractsRepository, AgreementsService, CampaignsRepository, CampaignsService, TransparencyRepository, TransparencyService, TransparencyReminderWorker],
  exports: [BlackoutService, AgreementsService, CampaignsService, TransparencyService],
})
export class AgreementsModule {}
