import { Module } from '@nestjs/common';
import { AgendaModule } from '../agenda/agenda.module';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { DepartmentsModule } from '../departments/departments.module';
import { MediaRelationsModule } from '../media-relations/media-relations.module';
import { Open311Module } from '../open311/open311.module';
import { DemoService } from './demo.service';

@Module({
  imports: [AuthModule, DepartmentsModule, CasesModule, AgendaModule, MediaRelationsModule, Open311Module],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
