import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { AuthModule } from '../auth/auth.module';
import { DepartmentsModule } from '../departments/departments.module';
import { MediaRelationsModule } from '../media-relations/media-relations.module';
import { MonitoringModule } from '../monitoring/monitoring.module';
import { DemoService } from './demo.service';

@Module({
  imports: [AuthModule, DepartmentsModule, MediaRelationsModule, AgreementsModule, MonitoringModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
