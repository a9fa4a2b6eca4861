import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { AuthModule } from '../auth/auth.module';
import { DepartmentsModule } from '../departments/departments.module';
import { MediaRelationsModule } from '../media-relations/media-relations.module';
import { DemoService } from './demo.service';

@Module({
  imports: [AuthModule, DepartmentsModule, MediaRelationsModule, AgreementsModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
