import { Module } from '@nestjs/common';
import { MediaRelationsModule } from '../media-relations/media-relations.module';
import { BlackoutAdminController } from './blackout/blackout-admin.controller';
import { BlackoutRepository } from './blackout/blackout.repository';
import { BlackoutService } from './blackout/blackout.service';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignsRepository } from './campaigns/campaigns.repository';
import { CampaignsService } from './campaigns/campaigns.service';
import { AgreementsController } from './contracts/agreements.controller';
import { AgreementsService } from './contracts/agreements.service';
import { ContractsRepository } from './contracts/contracts.repository';

/**
 * Media agreements, the social-communication budget, campaigns, transparency exports and
 * the electoral blackout. Exported: BlackoutService (check, article134) for releases and posts.
 */
@Module({
  imports: [MediaRelationsModule],
  controllers: [BlackoutAdminController, AgreementsController, CampaignsController],
  providers: [BlackoutRepository, BlackoutService, ContractsRepository, AgreementsService, CampaignsRepository, CampaignsService],
  exports: [BlackoutService, AgreementsService, CampaignsService],
})
export class AgreementsModule {}
