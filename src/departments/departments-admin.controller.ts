import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { parseForm } from '../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { DepartmentsService } from './departments.service';
import { DepartmentFormDto, HolidayFormDto } from './dto/department.dto';

@Controller('admin')
@Roles('admin')
export class DepartmentsAdminController {
  constructor(private readonly departments: DepartmentsService) {}

  @Get('dependencias')
  async list(@Res() res: Response) {
    render(res, 'departments/list', { title: 'departments.list.title', departments: plain(await this.departments.list()) });
  }

  @Get('dependencias/nueva')
  newForm(@Res() res: Response) {
    render(res, 'departments/form', { title: 'departments.form.new_title', isNew: true, values: { active: true }, errors: {} });
  }

  @Post('dependencias')
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const model = { title: 'departments.form.new_title', isNew: true };
    const form = await parseForm(DepartmentFormDto, body);
    if (!form.ok) return renderInvalid(res, 'departments/form', model, form.values, form.errors);
    const result = await orFieldError(() => this.departments.create(form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'departments/form', model, form.values, result.errors);
    flash(req, 'success', 'departments.flash.created');
    res.redirect(303, '/admin/dependencias');
  }

  @Get('dependencias/:id')
  async editForm(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const d = await this.departments.get(id);
    render(res, 'departments/form', { title: 'departments.form.edit_title', id, values: plain(d), errors: {} });
  }

  @Post('dependencias/:id')
  async update(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const model = { title: 'departments.form.edit_title', id };
    const form = await parseForm(DepartmentFormDto, body);
    if (!form.ok) return renderInvalid(res, 'departments/form', model, form.values, form.errors);
    const result = await orFieldError(() => this.departments.update(id, form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'departments/form', model, form.values, result.errors);
    flash(req, 'success', 'departments.flash.updated');
    res.redirect(303, '/admin/dependencias');
  }

  @Get('calendario')
  async calendar(@Query('anio') anio: string | undefined, @Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const year = /^\d{4}$/.test(anio ?? '') ? Number(anio) : new Date().getFullYear();
    const holidays = plain(await this.departments.holidays(year));
    render(res, 'departments/calendar', { title: 'calendar.title', year, prevYear: year - 1, nextYear: year + 1, holidays, values: {}, errors: {}, ...extra }, status);
  }

  @Post('calendario')
  async addHoliday(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(HolidayFormDto, body);
    const year = Number(String((form.values.day as string) ?? '').slice(0, 4)) || new Date().getFullYear();
    if (!form.ok) return this.calendar(String(year), res, 422, { values: form.values, errors: form.errors, hasErrors: true });
    const result = await orFieldError(() => this.departments.addHoliday(form.value, actorFrom(req)));
    if (!result.ok) return this.calendar(String(year), res, 422, { values: form.values, errors: result.errors, hasErrors: true });
    flash(req, 'success', 'calendar.flash.added');
    res.redirect(303, `/admin/calendario?anio=${year}`);
  }

  @Post('calendario/cargar')
  async preload(@Body('year') yearText: string, @Req() req: Request, @Res() res: Response) {
    const year = /^\d{4}$/.test(yearText ?? '') ? Number(yearText) : new Date().getFullYear();
    const added = await this.departments.preloadHolidays(year, actorFrom(req));
    flash(req, 'success', added > 0 ? 'calendar.flash.preloaded' : 'calendar.flash.nothing_to_preload');
    res.redirect(303, `/admin/calendario?anio=${year}`);
  }

  @Post('calendario/:id/eliminar')
  async remove(@Param('id', ParseIntPipe) id: number, @Body('year') year: string, @Req() req: Request, @Res() res: Response) {
    await this.departments.removeHoliday(id, actorFrom(req));
    flash(req, 'success', 'calendar.flash.removed');
    res.redirect(303, `/admin/calendario${/^\d{4}$/.test(year ?? '') ? `?anio=${year}` : ''}`);
  }
}
