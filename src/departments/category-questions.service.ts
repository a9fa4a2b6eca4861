import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../audit/audit-actor';
import { AuditService } from '../audit/audit.service';
import { FieldError } from '../common/forms';
import { CategoriesRepository } from './categories.repository';
import { CategoryQuestion } from './category-question.entity';
import { AnswerError, CaseAnswer, checkAnswers, isChoice, parseOptions, slugCode } from './category-questions';
import { CategoryQuestionFormDto } from './dto/category-question.dto';

export interface QuestionGroup {
  categoryId: number;
  categoryName: string;
  questions: CategoryQuestion[];
}

/** The questions each category asks, and the check of the answers given to them. */
@Injectable()
export class CategoryQuestionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly categories: CategoriesRepository,
    private readonly audit: AuditService,
  ) {}

  private m(manager?: EntityManager) {
    return manager ?? this.dataSource.manager;
  }

  list(categoryId: number, onlyActive = false, manager?: EntityManager): Promise<CategoryQuestion[]> {
    return this.m(manager).find(CategoryQuestion, { where: onlyActive ? { categoryId, active: true } : { categoryId }, order: { position: 'ASC', id: 'ASC' } });
  }

  /** The active questions of every active category, grouped (forms without JavaScript, Open311 services). */
  async groups(manager?: EntityManager): Promise<QuestionGroup[]> {
    const rows = await this.m(manager)
      .createQueryBuilder(CategoryQuestion, 'q')
      .innerJoin('q.category', 'c')
      .addSelect(['c.id', 'c.name'])
      .where('q.active AND c.active')
      .orderBy('c.name').addOrderBy('q.position').addOrderBy('q.id')
      .getMany();
    const groups = new Map<number, QuestionGroup>();
    for (const q of rows) {
      const g = groups.get(q.categoryId) ?? { categoryId: q.categoryId, categoryName: q.category!.name, questions: [] };
      delete q.category;
      g.questions.push(q);
      groups.set(q.categoryId, g);
    }
    return [...groups.values()];
  }

  /** Which categories ask at least one active question (Open311 `metadata`). */
  async categoriesWithQuestions(manager?: EntityManager): Promise<Set<number>> {
    const rows: { id: number }[] = await this.m(manager).query(`SELECT DISTINCT category_id AS id FROM category_questions WHERE active`);
    return new Set(rows.map((r) => Number(r.id)));
  }

  /**
   * Check the answers for a category's active questions. `raw(q)` returns what was sent for
   * one question. Errors come back per question, for the caller to word (form or API).
   */
  async check(categoryId: number, raw: (q: CategoryQuestion) => unknown, manager?: EntityManager): Promise<{ answers: CaseAnswer[]; errors: Map<CategoryQuestion, AnswerError> }> {
    const questions = await this.list(categoryId, true, manager);
    return checkAnswers(questions, raw as never) as { answers: CaseAnswer[]; errors: Map<CategoryQuestion, AnswerError> };
  }

  private async fields(categoryId: number, dto: CategoryQuestionFormDto, selfId: number | null, m: EntityManager) {
    const code = dto.code ?? slugCode(dto.question);
    if (!code) throw new FieldError('code', 'categories.questions.validation.code');
    const clash = await m.findOne(CategoryQuestion, { where: { categoryId, code } });
    if (clash && clash.id !== selfId) throw new FieldError('code', 'categories.questions.validation.code_taken');
    let options: { key: string; name: string }[] = [];
    if (isChoice(dto.kind)) {
      const parsed = parseOptions(dto.options);
      if (parsed.error) throw new FieldError('options', `categories.questions.validation.${parsed.error}`);
      options = parsed.options;
    }
    return { categoryId, code, question: dto.question, kind: dto.kind, required: dto.required, position: dto.position, helpText: dto.helpText ?? null, options, active: dto.active };
  }

  async create(categoryId: number, dto: CategoryQuestionFormDto, actor: Actor, manager?: EntityManager): Promise<CategoryQuestion> {
    const run = async (m: EntityManager) => {
      if (!(await this.categories.findById(categoryId, m))) throw new NotFoundException();
      const q = await m.save(CategoryQuestion, m.create(CategoryQuestion, await this.fields(categoryId, dto, null, m)));
      await this.audit.record(actor, { action: 'category_question.create', entityType: 'category_question', entityId: q.id, details: { categoryId, code: q.code, kind: q.kind, required: q.required } }, m);
      return q;
    };
    return manager ? run(manager) : this.dataSource.transaction(run);
  }

  async update(categoryId: number, id: number, dto: CategoryQuestionFormDto, actor: Actor): Promise<CategoryQuestion> {
    return this.dataSource.transaction(async (m) => {
      const q = await m.findOne(CategoryQuestion, { where: { id, categoryId } });
      if (!q) throw new NotFoundException();
      const after = await this.fields(categoryId, dto, id, m);
      const changed = Object.fromEntries(
        (Object.keys(after) as (keyof typeof after)[]).filter((k) => JSON.stringify(q[k]) !== JSON.stringify(after[k])).map((k) => [k, { from: q[k], to: after[k] }]),
      );
      Object.assign(q, after);
      await m.save(CategoryQuestion, q);
      await this.audit.record(actor, { action: 'category_question.update', entityType: 'category_question', entityId: id, details: { categoryId, changed } }, m);
      return q;
    });
  }

  find(categoryId: number, id: number) {
    return this.dataSource.manager.findOne(CategoryQuestion, { where: { id, categoryId } });
  }
}
