import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Roles } from '../common/access.decorators';
import { render } from '../common/render';
import { APP_CONFIG, AppConfig } from '../config/config';
import { AuditService } from './audit.service';

const PAGE = 50;
const clean = (v: unknown, re: RegExp) => (typeof v === 'string' && re.test(v) ? v : undefined);

@Controller('admin/auditoria')
@Roles('admin')
export class AuditController {
  constructor(
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  async list(@Query() q: Record<string, unknown>, @Res() res: Response) {
    const filter = {
      actor: clean(q.usuario, /^[^\s]{1,254}$/),
      entityType: clean(q.tipo, /^[a-z_.-]{1,60}$/),
      entityId: clean(q.registro, /^[\w.-]{1,60}$/),
      from: clean(q.desde, /^\d{4}-\d{2}-\d{2}$/),
      to: clean(q.hasta, /^\d{4}-\d{2}-\d{2}$/),
      beforeId: clean(q.antes, /^\d{1,18}$/),
    };
    const rows = await this.audit.search({ ...filter, limit: PAGE + 1, timezone: this.config.TIMEZONE });
    const entries = rows.slice(0, PAGE).map((r) => ({
      id: r.id,
      at: r.at.toISOString(),
      actor: r.actor,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      ip: r.ip,
      details: Object.keys(r.details ?? {}).length ? JSON.stringify(r.details) : '',
    }));
    const params = new URLSearchParams(Object.entries({ usuario: filter.actor, tipo: filter.entityType, registro: filter.entityId, desde: filter.from, hasta: filter.to }).filter(([, v]) => v) as [string, string][]);
    const next = rows.length > PAGE ? `?${params.toString()}${params.size ? '&' : ''}antes=${entries[entries.length - 1].id}` : null;
    render(res, 'audit/list', { title: 'audit.title', entries, filter, entityTypes: await this.audit.entityTypes(), next, isFiltered: params.size > 0 });
  }
}
