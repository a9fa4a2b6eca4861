import { Module } from '@nestjs/common';
import { AgendaModule } from '../agenda/agenda.module';
import { DepartmentsModule } from '../departments/departments.module';
import { MediaBankModule } from '../media-bank/media-bank.module';
import { MediaRelationsModule } from '../media-relations/media-relations.module';
import { AgendaRouteLink } from './agenda-route-link';
import { DistributionController } from './distribution.controller';
import { DistributionService } from './distribution.service';
import { NewsroomController } from './newsroom.controller';
import { PressReleasesController } from './press-releases.controller';
import { PressReleasesRepository } from './press-releases.repository';
import { PressReleasesService } from './press-releases.service';

@Module({
  imports: [AgendaModule, DepartmentsModule, MediaBankModule, MediaRelationsModule],
  controllers: [PressReleasesController, NewsroomController, DistributionController],
  providers: [PressReleasesRepository, PressReleasesService, DistributionService, AgendaRouteLink],
  exports: [PressReleasesService, DistributionService],
})
export class PressReleasesModule {}
