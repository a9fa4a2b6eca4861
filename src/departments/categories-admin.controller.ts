import { Body, Controller, Get, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash, redirectAfterSave } from '../common/flash';
import { parseForm } from '../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { CategoriesService } from './categories.service';
import { DepartmentsService } from './departments.service';
import { CategoryFormDto, PredefinedAnswerFormDto } from './dto/category.dto';

/** Administrators keep the catalogue: categories, their department and deadline, and predefined answers. */
@Controller('admin/categorias')
@Roles('admin')
export class CategoriesAdminController {
  constructor(
    private readonly categories: CategoriesService,
    private readonly departments: DepartmentsService,
  ) {}

  private async departmentOptions() {
    return (await this.departments.list(true)).map((d) => ({ value: d.id, labelText: d.name }));
  }

  @Get()
  async list(@Res() res: Response) {
    render(res, 'categories/list', { title: 'categories.list.title', categories: await this.categories.list() });
  }

  @Get('nueva')
  async newForm(@Res() res: Response) {
    render(res, 'categories/form', { title: 'categories.form.new_title', isNew: true, departments: await this.departmentOptions(), values: { active: true, deadlineDays: 10 }, errors: {} });
  }

  @Post()
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const model = { title: 'categories.form.new_title', isNew: true, departments: await this.departmentOptions() };
    const form = await parseForm(CategoryFormDto, body);
    if (!form.ok) return renderInvalid(res, 'categories/form', model, form.values, form.errors);
    const result = await orFieldError(() => this.categories.create(form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'categories/form', model, form.values, result.errors);
    flash(req, 'success', 'categories.flash.created');
    redirectAfterSave(req, res, `/admin/categorias/${result.value.id}`);
  }

  private async editModel(id: number) {
    return {
      title: 'categories.form.edit_title',
      id,
      departments: await this.departmentOptions(),
      answers: plain(await this.categories.answers(id)),
      answerValues: { active: true },
      answerErrors: {},
    };
  }

  @Get(':id')
  async editForm(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const c = await this.categories.get(id);
    render(res, 'categories/form', { ...(await this.editModel(id)), values: plain(c), errors: {} });
  }

  @Post(':id')
  async update(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    await this.categories.get(id);
    const model = await this.editModel(id);
    const form = await parseForm(CategoryFormDto, body);
    if (!form.ok) return renderInvalid(res, 'categories/form', model, form.values, form.errors);
    const result = await orFieldError(() => this.categories.update(id, form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'categories/form', model, form.values, result.errors);
    flash(req, 'success', 'categories.flash.updated');
    redirectAfterSave(req, res, '/admin/categorias');
  }

  @Post(':id/respuestas')
  async addAnswer(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const c = await this.categories.get(id);
    const form = await parseForm(PredefinedAnswerFormDto, body);
    const model = { ...(await this.editModel(id)), values: plain(c), errors: {} };
    if (!form.ok) return render(res, 'categories/form', { ...model, answerValues: form.values, answerErrors: form.errors, hasErrors: true }, 422);
    await this.categories.createAnswer(id, form.value, actorFrom(req));
    flash(req, 'success', 'categories.flash.answer_created');
    redirectAfterSave(req, res, `/admin/categorias/${id}#respuestas`);
  }

  @Post(':id/respuestas/:answerId')
  async updateAnswer(@Param('id', ParseIntPipe) id: number, @Param('answerId', ParseIntPipe) answerId: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(PredefinedAnswerFormDto, body);
    if (!form.ok) {
      flash(req, 'error', 'categories.flash.answer_invalid');
      return redirectAfterSave(req, res, `/admin/categorias/${id}#respuestas`);
    }
    await this.categories.updateAnswer(id, answerId, form.value, actorFrom(req));
    flash(req, 'success', 'categories.flash.answer_updated');
    redirectAfterSave(req, res, `/admin/categorias/${id}#respuestas`);
  }
}
