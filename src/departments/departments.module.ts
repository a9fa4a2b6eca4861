import { Module } from '@nestjs/common';
import { CategoriesAdminController } from './categories-admin.controller';
import { CategoriesRepository } from './categories.repository';
import { CategoriesService } from './categories.service';
import { CategoryQuestionsAdminController } from './category-questions-admin.controller';
import { CategoryQuestionsService } from './category-questions.service';
import { DepartmentsAdminController } from './departments-admin.controller';
import { DepartmentsRepository } from './departments.repository';
import { DepartmentsService } from './departments.service';

@Module({
  controllers: [DepartmentsAdminController, CategoriesAdminController, CategoryQuestionsAdminController],
  providers: [DepartmentsRepository, DepartmentsService, CategoriesRepository, CategoriesService, CategoryQuestionsService],
  exports: [DepartmentsRepository, DepartmentsService, CategoriesRepository, CategoriesService, CategoryQuestionsService],
})
export class DepartmentsModule {}
