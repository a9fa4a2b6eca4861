import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { MediaBankModule } from '../media-bank/media-bank.module';
import { NewsroomController } from './newsroom.controller';
import { PressReleasesController } from './press-releases.controller';
import { PressReleasesRepository } from './press-releases.repository';
import { PressReleasesService } from './press-releases.service';

@Module({
  imports: [DepartmentsModule, MediaBankModule],
  controllers: [PressReleasesController, NewsroomController],
  providers: [PressReleasesRepository, PressReleasesService],
  exports: [PressReleasesService],
})
export class PressReleasesModule {}
