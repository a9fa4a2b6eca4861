import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { I18nService } from 'nestjs-i18n';
import { Roles } from '../common/access.decorators';
import { render } from '../common/render';
import { caseActorFrom } from './case-actor';
import { CaseExports } from './case-exports';
import { CaseFormOptions } from './case-form-options';
import { CasesRepository } from './cases.repository';
import { InboxQuery, InboxService } from './inbox.service';
import { barChart } from './svg-chart';

const DIMENSIONS = ['status', 'type', 'category', 'department', 'locality', 'channel'] as const;

/** Case statistics: counts, overdue, median times, satisfaction; numbers, SVG charts and exports. */
@Controller('estadisticas')
@Roles('attention', 'admin', 'director')
export class StatisticsController {
  constructor(
    private readonly repo: CasesRepository,
    private readonly inbox: InboxService,
    private readonly options: CaseFormOptions,
    private readonly exports: CaseExports,
    private readonly i18n: I18nService,
  ) {}

  /** Only the filters statistics offer: dates, department, category, type, channel. */
  private query(q: InboxQuery): InboxQuery {
    const { desde, hasta, dependencia, categoria, tipo, canal } = q;
    return Object.fromEntries(Object.entries({ desde, hasta, dependencia, categoria, tipo, canal }).filter(([, v]) => typeof v === 'string' && v !== ''));
  }

  @Get()
  async page(@Query() raw: InboxQuery, @Req() req: Request, @Res() res: Response) {
    const lang = (res.locals.lang as string) ?? 'es';
    const t = (k: string, args?: Record<string, unknown>) => this.i18n.t(k, { lang, args }) as string;
    const q = this.query(raw);
    const { filter } = this.inbox.filterFrom(q, caseActorFrom(req));
    const ctx = await this.inbox.context();
    const summary = await this.repo.summary(filter, ctx);
    const groups = [];
    for (const d of DIMENSIONS) {
      const rows = await this.repo.countBy(d, filter, ctx);
      const label = (key: string) =>
        d === 'status' ? t(`cases.status.${key}`) : d === 'type' ? t(`cases.type.${key}`) : d === 'channel' ? t(`cases.channel.${key}`) : d === 'department' && !key ? t('cases.case.no_department') : key;
      const bars = rows.map((r) => ({ label: label(r.key), value: r.n }));
      const title = t(`stats.by.${d}`);
      groups.push({ key: d, title, rows: bars, svg: barChart(bars, { title, id: `chart-${d}` }) });
    }
    const hours = (h: number | null) => (h == null ? null : h < 48 ? t('stats.hours', { n: Math.round(h) }) : t('stats.days', { n: Math.round((h / 24) * 10) / 10, count: Math.round((h / 24) * 10) / 10 }));
    render(res, 'cases/statistics', {
      title: 'stats.title',
      q,
      summary: {
        total: summary.total,
        overdue: summary.overdue,
        firstAnswer: hours(summary.medianFirstHours),
        resolution: hours(summary.medianResolveHours),
        satisfaction: summary.satisfaction == null ? null : (Math.round(summary.satisfaction * 10) / 10).toLocaleString('es-MX'),
        rated: summary.rated,
      },
      groups,
      exportQuery: new URLSearchParams(q as Record<string, string>).toString(),
      options: { departments: await this.options.departmentOptions(), categories: await this.options.categoryOptions(false), types: this.options.types(), channels: this.options.channels() },
    });
  }

  @Get('exportar.csv')
  async csv(@Query() q: InboxQuery, @Req() req: Request, @Res() res: Response) {
    res.type('text/csv; charset=utf-8').set('Content-Disposition', 'attachment; filename="estadisticas-solicitudes.csv"');
    await this.exports.csv(this.inbox.all(this.query(q), caseActorFrom(req)), res, 'statistics');
  }

  @Get('exportar.xlsx')
  async xlsx(@Query() q: InboxQuery, @Req() req: Request, @Res() res: Response) {
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').set('Content-Disposition', 'attachment; filename="estadisticas-solicitudes.xlsx"');
    await this.exports.xlsx(this.inbox.all(this.query(q), caseActorFrom(req)), res, 'statistics');
  }
}
