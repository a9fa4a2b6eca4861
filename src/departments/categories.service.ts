import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { FieldError } from '../common/forms';
import { CategoriesRepository } from './categories.repository';
import { Category } from './category.entity';
import { DepartmentsRepository } from './departments.repository';
import { CategoryFormDto, PredefinedAnswerFormDto } from './dto/category.dto';
import { PredefinedAnswer } from './predefined-answer.entity';

type Fields = Pick<Category, 'name' | 'description' | 'defaultDepartmentId' | 'deadlineDays' | 'active' | 'sensitive' | 'published'>;

function diff<T extends object>(before: T, after: T): Record<string, { from: unknown; to: unknown }> {
  return Object.fromEntries(
    (Object.keys(after) as (keyof T)[]).filter((k) => before[k] !== after[k]).map((k) => [k, { from: before[k], to: after[k] }]),
  );
}

/** The catalogue of categories and their predefined answers (administrators). */
@Injectable()
export class CategoriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repo: CategoriesRepository,
    private readonly departments: DepartmentsRepository,
    private readonly audit: AuditService,
  ) {}

  list(onlyActive = false, manager?: EntityManager) {
    return this.repo.list(onlyActive, manager);
  }

  async get(id: number, manager?: EntityManager): Promise<Category> {
    const c = await this.repo.findById(id, manager);
    if (!c) throw new NotFoundException();
    return c;
  }

  find(id: number, manager?: EntityManager) {
    return this.repo.findById(id, manager);
  }

  private async fields(dto: CategoryFormDto, m: EntityManager): Promise<Fields> {
    if (dto.defaultDepartmentId && !(await this.departments.findById(dto.defaultDepartmentId, m))) throw new FieldError('defaultDepartmentId', 'validation.unknown_department');
    // A sensitive category (security, social support) is never published, whatever the form says.
    if (dto.published && dto.sensitive) throw new FieldError('published', 'categories.validation.sensitive_published');
    return { name: dto.name, description: dto.description ?? null, defaultDepartmentId: dto.defaultDepartmentId ?? null, deadlineDays: dto.deadlineDays, active: dto.active, sensitive: !!dto.sensitive, published: !!dto.published };
  }

  async create(dto: CategoryFormDto, actor: Actor, manager?: EntityManager): Promise<Category> {
    const run = async (m: EntityManager) => {
      if (await this.repo.findByName(dto.name, m)) throw new FieldError('name', 'validation.name_taken');
      const c = await this.repo.save(this.repo.create(await this.fields(dto, m), m), m);
      await this.audit.record(actor, { action: 'category.create', entityType: 'category', entityId: c.id, details: { name: c.name, defaultDepartmentId: c.defaultDepartmentId, deadlineDays: c.deadlineDays, sensitive: c.sensitive, published: c.published } }, m);
      return c;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async update(id: number, dto: CategoryFormDto, actor: Actor): Promise<Category> {
    return this.dataSource.transaction(async (m) => {
      const c = await this.get(id, m);
      const other = await this.repo.findByName(dto.name, m);
      if (other && other.id !== id) throw new FieldError('name', 'validation.name_taken');
      const before: Fields = { name: c.name, description: c.description, defaultDepartmentId: c.defaultDepartmentId, deadlineDays: c.deadlineDays, active: c.active, sensitive: c.sensitive, published: c.published };
      const after = await this.fields(dto, m);
      Object.assign(c, after);
      await this.repo.save(c, m);
      await this.audit.record(actor, { action: 'category.update', entityType: 'category', entityId: id, details: { changed: diff(before, after) } }, m);
      return c;
    });
  }

  answers(categoryId: number, onlyActive = false, manager?: EntityManager) {
    return this.repo.answers(categoryId, onlyActive, manager);
  }

  findAnswer(id: number, manager?: EntityManager) {
    return this.repo.findAnswer(id, manager);
  }

  async createAnswer(categoryId: number, dto: PredefinedAnswerFormDto, actor: Actor, manager?: EntityManager): Promise<PredefinedAnswer> {
    const run = async (m: EntityManager) => {
      await this.get(categoryId, m);
      const a = await this.repo.saveAnswer(this.repo.createAnswer({ categoryId, title: dto.title, body: dto.body, active: dto.active }, m), m);
      await this.audit.record(actor, { action: 'predefined_answer.create', entityType: 'predefined_answer', entityId: a.id, details: { categoryId, title: a.title } }, m);
      return a;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async updateAnswer(categoryId: number, id: number, dto: PredefinedAnswerFormDto, actor: Actor): Promise<PredefinedAnswer> {
    return this.dataSource.transaction(async (m) => {
      const a = await this.repo.findAnswer(id, m);
      if (!a || a.categoryId !== categoryId) throw new NotFoundException();
      const before = { title: a.title, body: a.body, active: a.active };
      const after = { title: dto.title, body: dto.body, active: dto.active };
      Object.assign(a, after);
      await this.repo.saveAnswer(a, m);
      await this.audit.record(actor, { action: 'predefined_answer.update', entityType: 'predefined_answer', entityId: id, details: { changed: diff(before, after) } }, m);
      return a;
    });
  }
}
