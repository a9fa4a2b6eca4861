import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash, redirectAfterSave } from '../common/flash';
import { render } from '../common/render';
import { PersonalDataService, personQuery } from './personal-data.service';

/** Administrators answer data-subject requests: find, export, anonymize. */
@Controller('admin/datos-personales')
@Roles('admin')
export class PersonalDataController {
  constructor(private readonly personal: PersonalDataService) {}

  @Get()
  async page(@Query('correo') correo: string | undefined, @Query('telefono') telefono: string | undefined, @Res() res: Response) {
    const q = personQuery(correo, telefono);
    const searched = correo !== undefined || telefono !== undefined;
    const cases = q.email || q.phone ? await this.personal.find(q) : [];
    render(res, 'cases/personal-data', {
      title: 'personal.title',
      values: { correo: correo ?? '', telefono: telefono ?? '' },
      errors: searched && !q.email && !q.phone ? { correo: 'personal.need_one' } : {},
      searched: !!(q.email || q.phone),
      cases: cases.map((c) => ({ folio: c.folio, createdAt: c.createdAt, status: `cases.status.${c.status}`, contactName: c.contactName })),
    });
  }

  @Post('exportar')
  async export(@Body() body: { correo?: string; telefono?: string }, @Req() req: Request, @Res() res: Response) {
    const q = personQuery(body.correo, body.telefono);
    if (!q.email && !q.phone) return redirectAfterSave(req, res, '/admin/datos-personales');
    const data = await this.personal.export(q, actorFrom(req));
    res.status(200).type('application/json; charset=utf-8').set('Content-Disposition', 'attachment; filename="datos-personales.json"').send(JSON.stringify(data, null, 2));
  }

  @Post('anonimizar')
  async anonymize(@Body() body: { correo?: string; telefono?: string; confirmar?: string }, @Req() req: Request, @Res() res: Response) {
    const q = personQuery(body.correo, body.telefono);
    if (!q.email && !q.phone) return redirectAfterSave(req, res, '/admin/datos-personales');
    if (body.confirmar !== 'on') {
      flash(req, 'error', 'personal.confirm_needed');
      return redirectAfterSave(req, res, `/admin/datos-personales?${new URLSearchParams({ correo: body.correo ?? '', telefono: body.telefono ?? '' }).toString()}`);
    }
    const folios = await this.personal.anonymize(q, actorFrom(req));
    flash(req, 'success', folios.length ? 'personal.anonymized' : 'personal.nothing');
    redirectAfterSave(req, res, '/admin/datos-personales');
  }
}
