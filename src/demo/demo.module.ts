import { Module } from '@nestjs/common';
import { AgendaModule } from '../agenda/agenda.module';
import { AgreementsModule } from '../agreements/agreements.module';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { DepartmentsModule } from '../departments/departments.module';
import { MailboxModule } from '../mailbox/mailbox.module';
import { MediaRelationsModule } from '../media-relations/media-relations.module';
import { MediaBankModule } from '../media-bank/media-bank.module';
import { PressReleasesModule } from '../press-releases/press-releases.module';
import { SocialModule } from '../social/social.module';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { Open311Module } from '../open311/open311.module';
import { DemoService } from './demo.service';
import { PressOfficeDemo } from './press-office.demo';

@Module({
  imports: [AuthModule, DepartmentsModule, CasesModule, AgendaModule, MediaRelationsModule, MediaBankModule, PressReleasesModule, SocialModule, AgreementsModule, MonitoringModule, Open311Module, MailboxModule],
  providers: [DemoService, PressOfficeDemo],
  exports: [DemoService],
})
export class DemoModule {}
