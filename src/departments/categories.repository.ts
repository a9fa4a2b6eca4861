import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Category } from './category.entity';
import { PredefinedAnswer } from './predefined-answer.entity';

export interface CategoryRow {
  id: number;
  name: string;
  description: string | null;
  defaultDepartmentId: number | null;
  departmentName: string | null;
  deadlineDays: number;
  active: boolean;
  sensitive: boolean;
  published: boolean;
}

@Injectable()
export class CategoriesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  list(onlyActive = false, manager?: EntityManager): Promise<CategoryRow[]> {
    return this.m(manager).query(
      `SELECT c.id, c.name, c.description, c.default_department_id AS "defaultDepartmentId", d.name AS "departmentName",
              c.deadline_days AS "deadlineDays", c.active, c.sensitive, c.published
         FROM categories c LEFT JOIN departments d ON d.id = c.default_department_id
        ${onlyActive ? 'WHERE c.active' : ''}
        ORDER BY c.name`,
    );
  }

  findById(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(Category, { where: { id } });
  }

  findByName(name: string, manager?: EntityManager) {
    return this.m(manager).createQueryBuilder(Category, 'c').where('lower(c.name) = lower(:name)', { name }).getOne();
  }

  save(c: Category, manager?: EntityManager) {
    return this.m(manager).save(Category, c);
  }

  create(fields: Partial<Category>, manager?: EntityManager) {
    return this.m(manager).create(Category, fields);
  }

  answers(categoryId: number, onlyActive = false, manager?: EntityManager): Promise<PredefinedAnswer[]> {
    return this.m(manager).find(PredefinedAnswer, { where: onlyActive ? { categoryId, active: true } : { categoryId }, order: { title: 'ASC' } });
  }

  findAnswer(id: number, manager?: EntityManager) {
    return this.m(manager).findOne(PredefinedAnswer, { where: { id } });
  }

  saveAnswer(a: PredefinedAnswer, manager?: EntityManager) {
    return this.m(manager).save(PredefinedAnswer, a);
  }

  createAnswer(fields: Partial<PredefinedAnswer>, manager?: EntityManager) {
    return this.m(manager).create(PredefinedAnswer, fields);
  }
}
