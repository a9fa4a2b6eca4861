import { Body, Controller, Get, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../../audit/audit-actor';
import { Roles } from '../../common/access.decorators';
import { flash } from '../../common/flash';
import { parseForm } from '../../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../../common/render';
import { BLACKOUT_EXCEPTIONS, BLACKOUT_KINDS } from './blackout-rules';
import { BlackoutPeriodFormDto, WatchedNameFormDto } from './blackout.dto';
import { BlackoutService } from './blackout.service';

/** /admin/veda: the blackout periods and the names the article-134 warning watches. */
@Controller('admin/veda')
@Roles('admin')
export class BlackoutAdminController {
  constructor(private readonly blackout: BlackoutService) {}

  private kindOptions() {
    return BLACKOUT_KINDS.map((v) => ({ value: v, label: `blackout.kind.${v}` }));
  }

  private async listModel(extra: Record<string, unknown> = {}) {
    const current = await this.blackout.current();
    const periods = (await this.blackout.periods()).map((p) => ({ ...plain(p), kindLabel: `blackout.kind.${p.kind}`, current: current?.id === p.id }));
    return {
      title: 'blackout.title',
      periods,
      current: current ? plain(current) : null,
      exceptions: BLACKOUT_EXCEPTIONS.map((e) => `blackout.exception.${e}`),
      watched: plain(await this.blackout.watchedNames()),
      values: {},
      errors: {},
      ...extra,
    };
  }

  @Get()
  async list(@Res() res: Response) {
    render(res, 'agreements/blackout', await this.listModel());
  }

  @Get('nuevo')
  newForm(@Res() res: Response) {
    render(res, 'agreements/blackout-form', { title: 'blackout.new', isNew: true, kindOptions: this.kindOptions(), values: { kind: 'state' }, errors: {} });
  }

  @Post()
  create(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.save(null, body, req, res);
  }

  @Post('nombres')
  async addName(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(WatchedNameFormDto, body);
    if (!form.ok) return render(res, 'agreements/blackout', await this.listModel({ values: form.values, errors: form.errors, hasErrors: true }), 422);
    const result = await orFieldError(() => this.blackout.addWatchedName(form.value, actorFrom(req)));
    if (!result.ok) return render(res, 'agreements/blackout', await this.listModel({ values: form.values, errors: result.errors, hasErrors: true }), 422);
    flash(req, 'success', 'blackout.flash.name_added');
    res.redirect(303, '/admin/veda');
  }

  @Post('nombres/:id/eliminar')
  async removeName(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.blackout.removeWatchedName(id, actorFrom(req));
    flash(req, 'success', 'blackout.flash.name_removed');
    res.redirect(303, '/admin/veda');
  }

  @Get(':id')
  async editForm(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    render(res, 'agreements/blackout-form', { title: 'blackout.edit', id, kindOptions: this.kindOptions(), values: plain(await this.blackout.period(id)), errors: {} });
  }

  @Post(':id')
  update(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.save(id, body, req, res);
  }

  private async save(id: number | null, body: unknown, req: Request, res: Response) {
    const model = { title: id ? 'blackout.edit' : 'blackout.new', id, isNew: !id, kindOptions: this.kindOptions() };
    const form = await parseForm(BlackoutPeriodFormDto, body);
    if (!form.ok) return renderInvalid(res, 'agreements/blackout-form', model, form.values, form.errors);
    const result = await orFieldError(() => this.blackout.savePeriod(id, form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'agreements/blackout-form', model, form.values, result.errors);
    flash(req, 'success', 'blackout.flash.saved');
    res.redirect(303, '/admin/veda');
  }

  @Post(':id/eliminar')
  async remove(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.blackout.deletePeriod(id, actorFrom(req));
    flash(req, 'success', 'blackout.flash.deleted');
    res.redirect(303, '/admin/veda');
  }

}
