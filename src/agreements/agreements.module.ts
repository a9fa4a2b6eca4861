import { Module } from '@nestjs/common';
import { MediaRelationsModule } from '../media-relations/media-relations.module';
import { BlackoutAdminController } from './blackout/blackout-admin.controller';
import { BlackoutRepository } from './blackout/blackout.repository';
import { BlackoutService } from './blackout/blackout.service';
import { AgreementsController } from './contracts/agreements.controller';
import { AgreementsService } from './contracts/agreements.service';
import { ContractsRepository } from './contracts/contracts.repository';

/**
 * Media agreements, the social-communication budget, campaigns, transparency exports and
 * the electoral blackout. Exported: BlackoutService (check, article134) for releases and posts.
 */
@Module({
  imports: [MediaRelationsModule],
  controllers: [BlackoutAdminController, AgreementsController],
  providers: [BlackoutRepository, BlackoutService, ContractsRepository, AgreementsService],
  exports: [BlackoutService, AgreementsService],
})
export class AgreementsModule {}
