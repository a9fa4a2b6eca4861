import { Module } from '@nestjs/common';
import { AgendaModule } from '../agenda/agenda.module';
import { InvitationsController } from './invitations.controller';
import { InvitationsRepository } from './invitations.repository';
import { InvitationsService } from './invitations.service';
import { MediaDirectoryController } from './media-directory.controller';
import { MediaDirectoryService } from './media-directory.service';
import { MediaRelationsRepository } from './media-relations.repository';
import { RsvpController } from './rsvp.controller';

@Module({
  imports: [AgendaModule],
  // Invitations first: /medios/invitaciones/... is more specific than /medios/:anything.
  controllers: [InvitationsController, MediaDirectoryController, RsvpController],
  providers: [MediaRelationsRepository, MediaDirectoryService, InvitationsRepository, InvitationsService],
  exports: [MediaDirectoryService, InvitationsService],
})
export class MediaRelationsModule {}
