import { Controller, Get, Injectable, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../common/access.decorators';
import type { FieldErrors } from '../common/forms';
import { CategoryQuestion } from '../departments/category-question.entity';
import { CaseAnswer } from '../departments/category-questions';
import { CategoryQuestionsService, QuestionGroup } from '../departments/category-questions.service';

/** A question's form field name: flat (`q_12`), so multipart parsing keeps it as is. */
export const questionField = (q: Pick<CategoryQuestion, 'id'>) => `q_${q.id}`;

/** A category id from a form or query (a plain positive integer), or null. */
export function categoryIdOf(value: unknown): number | null {
  const v = Array.isArray(value) ? value[value.length - 1] : value;
  const s = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '';
  return /^[1-9]\d{0,8}$/.test(s) ? Number(s) : null;
}

/**
 * The category questions on the request forms (public and counter): which to show, with
 * the person's values and errors, and the server-side check of the answers.
 */
@Injectable()
export class CaseQuestionsForm {
  constructor(private readonly questions: CategoryQuestionsService) {}

  /**
   * The groups to draw: only the chosen category's questions when one is chosen; every
   * active category's questions, grouped, when none is (so the form works without JavaScript).
   */
  async groups(chosen: unknown, values: Record<string, unknown> = {}, errors: FieldErrors = {}) {
    const all = await this.questions.groups();
    const id = categoryIdOf(chosen);
    const shown: QuestionGroup[] = id ? all.filter((g) => g.categoryId === id) : all;
    return {
      chosen: !!id,
      groups: shown.map((g) => ({
        categoryId: g.categoryId,
        categoryName: g.categoryName,
        questions: g.questions.map((q) => {
          const name = questionField(q);
          const raw = values[name];
          const list = (Array.isArray(raw) ? raw : raw == null ? [] : [raw]).map(String);
          return {
            id: q.id, name, question: q.question, helpText: q.helpText, required: q.required, error: errors[name] ?? null,
            isText: q.kind === 'text', isNumber: q.kind === 'number', isDate: q.kind === 'date', isSingle: q.kind === 'single', isMultiple: q.kind === 'multiple',
            value: list.at(-1) ?? '',
            options: q.options.map((o, i) => ({ key: o.key, name: o.name, i, on: list.includes(o.key) })),
          };
        }),
      })),
    };
  }

  /** Check the answers for the chosen category; errors are keyed by field name, as i18n keys. */
  async check(categoryId: unknown, values: Record<string, unknown>): Promise<{ answers: CaseAnswer[]; errors: FieldErrors }> {
    const id = categoryIdOf(categoryId);
    if (!id) return { answers: [], errors: {} };
    const { answers, errors } = await this.questions.check(id, (q) => values[questionField(q)]);
    return { answers, errors: Object.fromEntries([...errors].map(([q, kind]) => [questionField(q), `cases.question_error.${kind}`])) };
  }
}

/** The questions of one category as a piece of the form, fetched by public/js/cases.js when the category changes. */
@Controller('solicitudes/preguntas')
@Public()
export class CaseQuestionsController {
  constructor(private readonly form: CaseQuestionsForm) {}

  @Get()
  async fragment(@Query('categoria') categoria: string | undefined, @Res() res: Response) {
    const id = categoryIdOf(categoria);
    const model = id ? await this.form.groups(id) : { chosen: true, groups: [] };
    res.set('Cache-Control', 'no-store').render('partials/cases/questions', { layout: false, questions: model });
  }
}
