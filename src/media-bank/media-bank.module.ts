import { Module } from '@nestjs/common';
import { DepartmentsModule } from '../departments/departments.module';
import { MediaBankController } from './media-bank.controller';
import { MediaBankRepository } from './media-bank.repository';
import { MediaBankService } from './media-bank.service';
import { MediaInspector } from './media-inspector';

@Module({
  imports: [DepartmentsModule],
  controllers: [MediaBankController],
  providers: [MediaBankRepository, MediaBankService, MediaInspector],
  exports: [MediaBankService],
})
export class MediaBankModule {}
