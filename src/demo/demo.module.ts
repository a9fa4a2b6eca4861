import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { CasesModule } from '../cases/cases.module';
import { DepartmentsModule } from '../departments/departments.module';
import { DemoService } from './demo.service';

@Module({
  imports: [AuthModule, DepartmentsModule, CasesModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
