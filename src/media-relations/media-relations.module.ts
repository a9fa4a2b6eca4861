import { Module } from '@nestjs/common';
import { MediaDirectoryController } from './media-directory.controller';
import { MediaDirectoryService } from './media-directory.service';
import { MediaRelationsRepository } from './media-relations.repository';

@Module({
  controllers: [MediaDirectoryController],
  providers: [MediaRelationsRepository, MediaDirectoryService],
  exports: [MediaDirectoryService],
})
export class MediaRelationsModule {}
