import { Module } from '@nestjs/common';
import { AgendaModule } from '../agenda/agenda.module';
import { CasesModule } from '../cases/cases.module';
import { DepartmentsModule } from '../departments/departments.module';
import { MediaBankModule } from '../media-bank/media-bank.module';
import { ImapReader } from './imap-reader';
import { MailboxDemo } from './mailbox-demo';
import { MailboxIntake } from './mailbox-intake.service';
import { MailboxController } from './mailbox.controller';
import { MailboxRepository } from './mailbox.repository';
import { MailboxService } from './mailbox.service';
import { MailboxWorker } from './mailbox.worker';
import { MediaBankSeam } from './media-bank-seam';

/** The official mailbox: IMAP intake, the shared inbox /correo, email conversations on cases. */
@Module({
  imports: [DepartmentsModule, CasesModule, AgendaModule, MediaBankModule],
  controllers: [MailboxController],
  providers: [MailboxDemo, ImapReader, MailboxRepository, MailboxIntake, MailboxService, MailboxWorker, MediaBankSeam],
  exports: [MailboxWorker, MailboxService, MailboxDemo],
})
export class MailboxModule {}
