import { Body, Controller, Get, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { parseForm } from '../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { NewUserFormDto, ResetPasswordDto, UserFormDto } from './dto/user.dto';
import { ROLES } from './roles';
import { UsersService } from './users.service';

@Controller('admin/usuarios')
@Roles('admin')
export class UsersAdminController {
  constructor(private readonly users: UsersService) {}

  private async formModel(extra: Record<string, unknown>) {
    return { roles: ROLES.map((r) => ({ value: r, label: `roles.${r}` })), departmentOptions: (await this.users.departmentOptions()).map((d) => ({ value: d.id, labelText: d.name })), ...extra };
  }

  @Get()
  async list(@Res() res: Response) {
    const users = (await this.users.list()).map((u) => ({ ...u, roleLabel: `roles.${u.role}` }));
    render(res, 'users/list', { title: 'users.list.title', users: plain(users) });
  }

  @Get('nuevo')
  async newForm(@Res() res: Response) {
    render(res, 'users/form', await this.formModel({ title: 'users.form.new_title', isNew: true, values: { active: true, role: 'attention' }, errors: {} }));
  }

  @Post()
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const model = await this.formModel({ title: 'users.form.new_title', isNew: true });
    const form = await parseForm(NewUserFormDto, body);
    const values = { ...form.values, password: '' };
    if (!form.ok) return renderInvalid(res, 'users/form', model, values, form.errors);
    const result = await orFieldError(() => this.users.create(form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'users/form', model, values, result.errors);
    flash(req, 'success', 'users.flash.created');
    res.redirect(303, '/admin/usuarios');
  }

  @Get(':id')
  async editForm(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const u = await this.users.get(id);
    const values = { name: u.name, email: u.email, role: u.role, departmentId: u.departmentId, active: u.active };
    render(res, 'users/form', await this.formModel({ title: 'users.form.edit_title', id, values, errors: {}, resetErrors: {} }));
  }

  @Post(':id')
  async update(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const model = await this.formModel({ title: 'users.form.edit_title', id, resetErrors: {} });
    const form = await parseForm(UserFormDto, body);
    if (!form.ok) return renderInvalid(res, 'users/form', model, form.values, form.errors);
    const result = await orFieldError(() => this.users.update(id, form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'users/form', model, form.values, result.errors);
    flash(req, 'success', 'users.flash.updated');
    res.redirect(303, '/admin/usuarios');
  }

  @Post(':id/contrasena')
  async resetPassword(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const u = await this.users.get(id);
    const values = { name: u.name, email: u.email, role: u.role, departmentId: u.departmentId, active: u.active };
    const form = await parseForm(ResetPasswordDto, body);
    const result = form.ok ? await orFieldError(() => this.users.resetPassword(id, form.value.password, actorFrom(req))) : { ok: false as const, errors: form.errors };
    if (!result.ok) {
      return render(res, 'users/form', await this.formModel({ title: 'users.form.edit_title', id, values, errors: {}, resetErrors: result.errors, hasErrors: true }), 422);
    }
    flash(req, 'success', 'users.flash.password_reset');
    res.redirect(303, `/admin/usuarios/${id}`);
  }
}

