import { Module } from '@nestjs/common';
import { CategoriesAdminController } from './categories-admin.controller';
import { CategoriesRepository } from './categories.repository';
import { CategoriesService } from './categories.service';
import { DepartmentsAdminController } from './departments-admin.controller';
import { DepartmentsRepository } from './departments.repository';
import { DepartmentsService } from './departments.service';

@Module({
  controllers: [DepartmentsAdminController, CategoriesAdminController],
  providers: [DepartmentsRepository, DepartmentsService, CategoriesRepository, CategoriesService],
  exports: [DepartmentsRepository, DepartmentsService, CategoriesRepository, CategoriesService],
})
export class DepartmentsModule {}
