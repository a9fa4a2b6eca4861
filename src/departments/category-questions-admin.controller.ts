import { Body, Controller, Get, NotFoundException, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { parseForm } from '../common/forms';
import { orFieldError, plain, render } from '../common/render';
import { CategoriesService } from './categories.service';
import { formatOptions, QUESTION_KINDS } from './category-questions';
import { CategoryQuestionsService } from './category-questions.service';
import { CategoryQuestionFormDto } from './dto/category-question.dto';

/** Administrators add questions to a category: /admin/categorias/:id/preguntas. */
@Controller('admin/categorias/:id/preguntas')
@Roles('admin')
export class CategoryQuestionsAdminController {
  constructor(
    private readonly categories: CategoriesService,
    private readonly questions: CategoryQuestionsService,
  ) {}

  private async model(id: number, extra: Record<string, unknown> = {}) {
    const category = await this.categories.get(id);
    const questions = await this.questions.list(id);
    return {
      title: 'categories.questions.title',
      titleArgs: { name: category.name },
      category: { id: category.id, name: category.name },
      kinds: QUESTION_KINDS.map((k) => ({ value: k, label: `categories.questions.kind.${k}` })),
      questions: plain(questions.map((q) => ({
        id: q.id, code: q.code, question: q.question, position: q.position, required: q.required, active: q.active, kindLabel: `categories.questions.kind.${q.kind}`,
        form: { question: q.question, code: q.code, kind: q.kind, position: q.position, helpText: q.helpText, options: formatOptions(q.options), required: q.required, active: q.active } as Record<string, unknown>,
        formErrors: {} as Record<string, string>,
      }))),
      values: { kind: 'text', position: (questions.at(-1)?.position ?? 0) + 1, active: true },
      errors: {},
      ...extra,
    };
  }

  @Get()
  async list(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    render(res, 'categories/questions', await this.model(id));
  }

  @Post()
  async create(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(CategoryQuestionFormDto, body);
    const fail = async (errors: Record<string, string>) => render(res, 'categories/questions', await this.model(id, { values: form.values, errors, hasErrors: true }), 422);
    if (!form.ok) return fail(form.errors);
    const result = await orFieldError(() => this.questions.create(id, form.value, actorFrom(req)));
    if (!result.ok) return fail(result.errors);
    flash(req, 'success', 'categories.questions.flash.created');
    res.redirect(303, `/admin/categorias/${id}/preguntas`);
  }

  @Post(':questionId')
  async update(@Param('id', ParseIntPipe) id: number, @Param('questionId', ParseIntPipe) questionId: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    if (!(await this.questions.find(id, questionId))) throw new NotFoundException();
    const form = await parseForm(CategoryQuestionFormDto, body);
    const fail = async (errors: Record<string, string>) => {
      const model = await this.model(id, { hasErrors: true, openQuestion: questionId });
      model.questions = model.questions.map((q) => (q.id === questionId ? { ...q, form: form.values, formErrors: errors } : q));
      render(res, 'categories/questions', model, 422);
    };
    if (!form.ok) return fail(form.errors);
    const result = await orFieldError(() => this.questions.update(id, questionId, form.value, actorFrom(req)));
    if (!result.ok) return fail(result.errors);
    flash(req, 'success', 'categories.questions.flash.updated');
    res.redirect(303, `/admin/categorias/${id}/preguntas`);
  }
}
