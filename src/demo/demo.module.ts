import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { DepartmentsModule } from '../departments/departments.module';
import { DemoService } from './demo.service';

@Module({
  imports: [AuthModule, DepartmentsModule],
  providers: [DemoService],
  exports: [DemoService],
})
export class DemoModule {}
