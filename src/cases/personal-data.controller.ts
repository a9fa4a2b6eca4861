import { Body, Controller, Get, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash, redirectAfterSave } from '../common/flash';
import { parseForm } from '../common/forms';
import { render } from '../common/render';
import { RectifyDto } from './dto/rectify.dto';
import { PersonalDataService, personQuery } from './personal-data.service';

/** Administrators answer data-subject requests: find, export, anonymize. */
@Controller('admin/datos-personales')
@Roles('admin')
export class PersonalDataController {
  constructor(private readonly personal: PersonalDataService) {}

  private async model(correo: string | undefined, telefono: string | undefined) {
    const q = personQuery(correo, telefono);
    const searched = correo !== undefined || telefono !== undefined;
    const cases = q.email || q.phone ? await this.personal.find(q) : [];
    return {
      title: 'personal.title',
      values: { correo: correo ?? '', telefono: telefono ?? '' },
      errors: searched && !q.email && !q.phone ? { correo: 'personal.need_one' } : {},
      searched: !!(q.email || q.phone),
      cases: cases.map((c) => ({ folio: c.folio, createdAt: c.createdAt, status: `cases.status.${c.status}`, contactName: c.contactName, optedOut: !!c.contactOptOutAt })),
      rectifyValues: {},
      rectifyErrors: {},
    };
  }

  @Get()
  async page(@Query('correo') correo: string | undefined, @Query('telefono') telefono: string | undefined, @Res() res: Response) {
    render(res, 'cases/personal-data', await this.model(correo, telefono));
  }

  private back(body: { correo?: string; telefono?: string }) {
    return `/admin/datos-personales?${new URLSearchParams({ correo: body.correo ?? '', telefono: body.telefono ?? '' }).toString()}`;
  }

  /** Rectification (ARCO): the contact data corrected in every case of the person; audited. */
  @Post('rectificar')
  async rectify(@Body() body: { correo?: string; telefono?: string }, @Req() req: Request, @Res() res: Response) {
    const q = personQuery(body.correo, body.telefono);
    if (!q.email && !q.phone) return redirectAfterSave(req, res, '/admin/datos-personales');
    const form = await parseForm(RectifyDto, body);
    const errors = form.ok ? (form.value.nuevoNombre || form.value.nuevoCorreo || form.value.nuevoTelefono ? null : { nuevoNombre: 'personal.rectify_need_one' }) : form.errors;
    if (errors) {
      const model = await this.model(body.correo, body.telefono);
      return render(res, 'cases/personal-data', { ...model, rectifyValues: form.values, rectifyErrors: errors, hasErrors: true }, 422);
    }
    const v = form.ok ? form.value : {};
    const folios = await this.personal.rectify(q, { name: v.nuevoNombre?.trim(), email: v.nuevoCorreo, phone: v.nuevoTelefono?.trim() }, actorFrom(req));
    flash(req, 'success', folios.length ? 'personal.rectified' : 'personal.nothing');
    // The person is now found by the corrected address, if it changed.
    redirectAfterSave(req, res, this.back(v.nuevoCorreo ? { correo: v.nuevoCorreo } : body));
  }

  /** Opposition (ARCO): no more emails to the person about their cases; audited. */
  @Post('oponerse')
  async oppose(@Body() body: { correo?: string; telefono?: string; confirmar?: string }, @Req() req: Request, @Res() res: Response) {
    const q = personQuery(body.correo, body.telefono);
    if (!q.email && !q.phone) return redirectAfterSave(req, res, '/admin/datos-personales');
    if (body.confirmar !== 'on') {
      flash(req, 'error', 'personal.confirm_needed_oppose');
      return redirectAfterSave(req, res, this.back(body));
    }
    const folios = await this.personal.oppose(q, actorFrom(req));
    flash(req, 'success', folios.length ? 'personal.opposed' : 'personal.nothing');
    redirectAfterSave(req, res, this.back(body));
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
