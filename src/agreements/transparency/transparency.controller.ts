import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../../audit/audit-actor';
import { Roles } from '../../common/access.decorators';
import { flash } from '../../common/flash';
import { FieldErrors, parseForm } from '../../common/forms';
import { orFieldError, plain, render } from '../../common/render';
import { formatMoney } from '../form-rules';
import { isDay } from '../form-rules';
import { columnsText, COLUMN_DEFS, parseColumnsText, quarterOf, quarterRange } from './transparency-format';
import { ObligationFormDto } from './transparency.dto';
import { TransparencyService } from './transparency.service';

/** /transparencia: the quarterly spending export and the office's transparency obligations. */
@Controller('transparencia')
@Roles('press', 'admin')
export class TransparencyController {
  constructor(private readonly transparency: TransparencyService) {}

  private period(anio: unknown, trimestre: unknown) {
    const today = this.transparency.today();
    const year = typeof anio === 'string' && /^\d{4}$/.test(anio) ? Number(anio) : Number(today.slice(0, 4));
    const quarter = typeof trimestre === 'string' && /^[1-4]$/.test(trimestre) ? Number(trimestre) : quarterOf(today);
    return { year, quarter };
  }

  @Get()
  async index(@Query('anio') anio: string | undefined, @Query('trimestre') trimestre: string | undefined, @Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const { year, quarter } = this.period(anio, trimestre);
    const rows = await this.transparency.rows(year, quarter);
    const { from, to } = quarterRange(year, quarter);
    render(
      res,
      'agreements/transparency',
      {
        title: 'transparency.title',
        year,
        quarter,
        from,
        to,
        quarterOptions: [1, 2, 3, 4].map((q) => ({ value: q, label: `transparency.quarter.${q}` })),
        rows: plain(rows.map((r) => ({ ...r, contractTotalText: formatMoney(r.contractTotal), amountPaidText: formatMoney(r.amountPaid) }))),
        totalText: formatMoney(rows.reduce((s, r) => s + r.contractTotal, 0)),
        paidText: formatMoney(rows.reduce((s, r) => s + r.amountPaid, 0)),
        obligations: plain(await this.transparency.obligations()),
        values: { daysAfterQuarter: 30, remindDaysBefore: 7, active: true },
        errors: {},
        ...extra,
      },
      status,
    );
  }

  @Get('exportar.xlsx')
  async xlsx(@Query('anio') anio: string | undefined, @Query('trimestre') trimestre: string | undefined, @Res() res: Response) {
    const { year, quarter } = this.period(anio, trimestre);
    const buf = await this.transparency.xlsx(year, quarter);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="LGTAIP-70-XXIII-${year}-T${quarter}.xlsx"`);
    res.end(buf);
  }

  @Get('exportar.csv')
  async csv(@Query('anio') anio: string | undefined, @Query('trimestre') trimestre: string | undefined, @Res() res: Response) {
    const { year, quarter } = this.period(anio, trimestre);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="LGTAIP-70-XXIII-${year}-T${quarter}.csv"`);
    res.end(await this.transparency.csv(year, quarter));
  }

  @Get('columnas')
  async columns(@Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const settings = await this.transparency.columnSettings();
    render(
      res,
      'agreements/transparency-columns',
      {
        title: 'transparency.columns.title',
        available: COLUMN_DEFS.map((d) => ({ key: d.key, header: d.header })),
        values: { columns: columnsText(settings) },
        errors: {},
        ...extra,
      },
      status,
    );
  }

  @Post('columnas')
  async saveColumns(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const text = typeof body?.columns === 'string' ? body.columns : '';
    const parsed = parseColumnsText(text);
    const fail = (e: FieldErrors) => this.columns(res, 422, { values: { columns: text }, errors: e, hasErrors: true });
    if (!parsed.ok) return fail({ columns: parsed.error });
    const result = await orFieldError(() => this.transparency.saveColumns(parsed.settings, actorFrom(req)));
    if (!result.ok) return fail(result.errors);
    flash(req, 'success', 'transparency.flash.columns_saved');
    res.redirect(303, '/transparencia/columnas');
  }

  @Post('columnas/restablecer')
  async resetColumns(@Req() req: Request, @Res() res: Response) {
    await this.transparency.resetColumns(actorFrom(req));
    flash(req, 'success', 'transparency.flash.columns_reset');
    res.redirect(303, '/transparencia/columnas');
  }

  @Post('obligaciones')
  async addObligation(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(ObligationFormDto, body);
    if (!form.ok) return this.index(undefined, undefined, res, 422, { values: form.values, errors: form.errors, hasErrors: true });
    await this.transparency.saveObligation(null, form.value, actorFrom(req));
    flash(req, 'success', 'transparency.flash.obligation_saved');
    res.redirect(303, '/transparencia#obligaciones');
  }

  @Post('obligaciones/:id/presentada')
  async filed(@Param('id', ParseIntPipe) id: number, @Body('dueOn') dueOn: unknown, @Req() req: Request, @Res() res: Response) {
    if (!isDay(dueOn)) {
      flash(req, 'error', 'validation.date');
      return res.redirect(303, '/transparencia#obligaciones');
    }
    await this.transparency.markFiled(id, dueOn, actorFrom(req));
    flash(req, 'success', 'transparency.flash.filed');
    res.redirect(303, '/transparencia#obligaciones');
  }
}
