import { Module } from '@nestjs/common';
import { MediaBankModule } from '../media-bank/media-bank.module';
import { PressReleasesModule } from '../press-releases/press-releases.module';
import { FacebookPublisher } from './facebook-publisher';
import { SocialController } from './social.controller';
import { SocialRepository } from './social.repository';
import { SocialService } from './social.service';

@Module({
  imports: [MediaBankModule, PressReleasesModule],
  controllers: [SocialController],
  providers: [SocialRepository, SocialService, FacebookPublisher],
  exports: [SocialService],
})
export class SocialModule {}
