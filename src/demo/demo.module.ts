import { Module } from '@nestjs/common';
import { AgendaModule } from '../agenda/agenda.module';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { DepartmentsModule } from '../departments/departments.module';
import { MailboxModule } from '../mailbox/mailbox.module';
import { MediaRelationsModule } from '../media-relations/media-relations.module';
import { DemoService } from './demo.service';

@Module({
  imports: [AuthModule, DepartmentsModule, CasesModule, AgendaModule, MediaRelationsModule, MailboxModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
