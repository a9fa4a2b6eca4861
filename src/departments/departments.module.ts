import { Module } from '@nestjs/common';
import { DepartmentsAdminController } from './departments-admin.controller';
import { DepartmentsRepository } from './departments.repository';
import { DepartmentsService } from './departments.service';

@Module({
  controllers: [DepartmentsAdminController],
  providers: [DepartmentsRepository, DepartmentsService],
  exports: [DepartmentsRepository, DepartmentsService],
})
export class DepartmentsModule {}
