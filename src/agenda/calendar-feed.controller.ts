/// <reference types="multer" />
import { Body, Controller, Get, NotFoundException, Param, Post, Req, Res, UploadedFile } from '@nestjs/common';
import { MultipartForm } from '../common/csrf';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { Inject } from '@nestjs/common';
import { actorFrom } from '../audit/audit-actor';
import { Public, Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { orFieldError, render, renderInvalid } from '../common/render';
import { APP_CONFIG, AppConfig } from '../config/config';
import { EVENT_KINDS, EventKind } from './agenda-kinds';
import { AgendaEventsService } from './agenda-events.service';
import { CalendarFeedService, MAX_ICS_BYTES } from './calendar-feed.service';

/** Private iCalendar feeds (subscribe from a phone) and .ics import. */
@Controller('agenda')
export class CalendarFeedController {
  constructor(
    private readonly feeds: CalendarFeedService,
    private readonly events: AgendaEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async page(req: Request, res: Response, token: string | null) {
    const user = req.user as { id: number; role: string };
    const base = `${this.config.PUBLIC_URL}/agenda/ical`;
    render(res, 'agenda/feeds', {
      title: 'agenda.feeds.title',
      tab: 'feeds',
      existing: await this.feeds.hasToken(user.id),
      urls: token ? { agenda: user.role === 'press' || user.role === 'director' ? `${base}/${token}/agenda.ics` : null, mine: `${base}/${token}/asignaciones.ics` } : null,
    });
  }

  @Get('calendario')
  @Roles('press', 'director')
  async feedPage(@Req() req: Request, @Res() res: Response) {
    await this.page(req, res, null);
  }

  @Post('calendario/token')
  @Roles('press', 'director')
  async newToken(@Req() req: Request, @Res() res: Response) {
    const token = await this.feeds.newToken((req.user as { id: number }).id, actorFrom(req));
    // Shown once, on this page; only its hash is kept.
    await this.page(req, res, token);
  }

  @Post('calendario/revocar')
  @Roles('press', 'director')
  async revoke(@Req() req: Request, @Res() res: Response) {
    await this.feeds.revoke((req.user as { id: number }).id, actorFrom(req));
    flash(req, 'success', 'agenda.flash.feed_revoked');
    res.redirect(303, '/agenda/calendario');
  }

  @Get('ical/:token/:name')
  @Public()
  async feed(@Param('token') token: string, @Param('name') name: string, @Res() res: Response) {
    const kind = name === 'agenda.ics' ? 'agenda' : name === 'asignaciones.ics' ? 'assignments' : null;
    const text = kind ? await this.feeds.feed(token, kind) : null;
    if (!text) throw new NotFoundException();
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Cache-Control', 'private, max-age=300');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.send(text);
  }

  private async importModel(extra: Record<string, unknown>) {
    return {
      title: 'agenda.ics.title',
      tab: 'import',
      departmentOptions: (await this.events.departments()).map((d) => ({ value: d.id, labelText: d.name })),
      kindOptions: EVENT_KINDS.map((k) => ({ value: k, label: `agenda.kind.${k}` })),
      ...extra,
    };
  }

  @Get('importar')
  @Roles('press')
  async importForm(@Res() res: Response) {
    render(res, 'agenda/import', await this.importModel({ values: { kind: 'department_activity' }, errors: {} }));
  }

  @Post('importar')
  @Roles('press')
  @MultipartForm(FileInterceptor('file', { limits: { fileSize: MAX_ICS_BYTES, files: 1 } }))
  async importIcs(@UploadedFile() file: Express.Multer.File | undefined, @Body() body: Record<string, string>, @Req() req: Request, @Res() res: Response) {
    const model = await this.importModel({});
    const values = { departmentId: body?.departmentId, kind: body?.kind, isPublic: body?.isPublic };
    const departmentId = /^\d{1,9}$/.test(body?.departmentId ?? '') ? Number(body.departmentId) : NaN;
    if (!(EVENT_KINDS as readonly string[]).includes(body?.kind)) return renderInvalid(res, 'agenda/import', model, values, { kind: 'agenda.validation.kind' });
    if (!file || !file.size) return renderInvalid(res, 'agenda/import', model, values, { file: 'agenda.ics.error.no_file' });
    const result = await orFieldError(() => this.feeds.importIcs(file.buffer.toString('utf8'), { departmentId, kind: body.kind as EventKind, isPublic: body.isPublic === 'on' }, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'agenda/import', model, values, result.errors);
    flash(req, 'success', result.value.skipped ? 'agenda.flash.imported_some_skipped' : 'agenda.flash.imported');
    res.redirect(303, '/agenda/lista');
  }
}
