import { Body, Controller, Get, Inject, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import type { SessionUser } from '../auth/users.service';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { parseForm } from '../common/forms';
import { PUBLICATION_EXCEPTIONS } from '../common/publication-gate';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DepartmentsService } from '../departments/departments.service';
import { assetCard } from '../media-bank/media-bank.controller';
import { MediaBankService } from '../media-bank/media-bank.service';
import { instantToZoned } from '../media-bank/local-time';
import { ActionDto, ReleaseDto, TemplateDto } from './dto/release.dto';
import { PressRelease } from './press-release.entity';
import { PressReleasesService } from './press-releases.service';
import { releaseEmail } from './release-render';
import { availableActions, editable, RELEASE_STATUSES, ReleaseStatus } from './release-status';

const posInt = (s: unknown): number | undefined => (typeof s === 'string' && /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : undefined);

@Controller('comunicados')
@Roles('press', 'director')
export class PressReleasesController {
  constructor(
    private readonly releases: PressReleasesService,
    private readonly bank: MediaBankService,
    private readonly departments: DepartmentsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async departmentOptions() {
    return plain((await this.departments.list(true)).map((d) => ({ value: d.id, labelText: d.name })));
  }

  private row(r: PressRelease, prefix: string) {
    return { id: r.id, title: r.title, status: r.status, statusLabel: `releases.status.${r.status}`, numberLabel: this.releases.numberLabel(r, prefix), releaseDate: r.releaseDate, updatedAt: r.updatedAt, embargoUntil: r.embargoUntil, embargoed: !this.releases.embargoPassed(r), eventId: r.eventId };
  }

  @Get()
  async list(@Query('estado') estado: string | undefined, @Query('q') q: string | undefined, @Query('pagina') pagina: string | undefined, @Res() res: Response) {
    const status = RELEASE_STATUSES.includes(estado as ReleaseStatus) ? (estado as ReleaseStatus) : undefined;
    const page = posInt(pagina) ?? 1;
    const { rows, total } = await this.releases.list({ status, q: q?.trim() || undefined }, page);
    const template = await this.releases.template();
    const counts = await this.releases.countByStatus();
    const qs = (p: number) => `/comunicados?${new URLSearchParams({ ...(status ? { estado: status } : {}), ...(q ? { q } : {}), pagina: String(p) })}`;
    render(res, 'press-releases/list', {
      title: 'releases.list.title',
      releases: plain(rows.map((r) => this.row(r, template.numberPrefix))),
      statuses: RELEASE_STATUSES.map((s) => ({ value: s, label: `releases.status.${s}`, count: counts[s] ?? 0, current: s === status })),
      status,
      q: q ?? '',
      prev: page > 1 ? qs(page - 1) : null,
      next: page * 25 < total ? qs(page + 1) : null,
    });
  }

  @Get('nuevo')
  async newForm(@Query('evento') evento: string | undefined, @Res() res: Response) {
    const template = await this.releases.template();
    render(res, 'press-releases/form', { title: 'releases.form.new_title', isNew: true, departments: await this.departmentOptions(), values: { place: template.defaultPlace, releaseDate: this.releases.today(), eventId: posInt(evento) ?? '' }, errors: {} });
  }

  @Post()
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const model = { title: 'releases.form.new_title', isNew: true, departments: await this.departmentOptions() };
    const form = await parseForm(ReleaseDto, body);
    if (!form.ok) return renderInvalid(res, 'press-releases/form', model, form.values, form.errors);
    const result = await orFieldError(() => this.releases.create(form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'press-releases/form', model, form.values, result.errors);
    flash(req, 'success', 'releases.flash.created');
    res.redirect(303, `/comunicados/${result.value.id}/medios`);
  }

  @Get('formato')
  async templateForm(@Res() res: Response) {
    render(res, 'press-releases/template', { title: 'releases.template.title', values: plain(await this.releases.template()), errors: {} });
  }

  @Post('formato')
  @Roles('press')
  async saveTemplate(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(TemplateDto, body);
    if (!form.ok) return renderInvalid(res, 'press-releases/template', { title: 'releases.template.title' }, form.values, form.errors);
    await this.releases.saveTemplate(form.value, actorFrom(req));
    flash(req, 'success', 'releases.flash.template_saved');
    res.redirect(303, '/comunicados/formato');
  }

  @Get(':id')
  async show(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const r = await this.releases.get(id);
    const user = req.user as SessionUser;
    const template = await this.releases.template();
    const doc = await this.releases.document(r, 'staff');
    const history = await this.releases.history(id);
    const versions = await this.releases.versions(id);
    const embargoPassed = this.releases.embargoPassed(r);
    render(
      res,
      'press-releases/show',
      {
        title: 'releases.show.title',
        titleText: r.title,
        release: plain({ ...this.row(r, template.numberPrefix), editable: editable(r.status), newsroomPath: r.status === 'published' ? this.releases.newsroomPath(r) : null, approvedAt: r.approvedAt, sentAt: r.sentAt, publishedAt: r.publishedAt }),
        doc: plain(doc),
        actions: availableActions(r.status, user.role, embargoPassed).map((a) => ({ value: a, label: `releases.action.${a}`, needsComment: a === 'return', danger: a === 'return' })),
        embargoPassed,
        canPublish: availableActions(r.status, user.role, embargoPassed).includes('publish' as never),
        exceptionOptions: PUBLICATION_EXCEPTIONS.map((v) => ({ value: v, label: `blackout.exception.${v}` })),
        history: plain(history.map((h) => ({ ...h, actionLabel: `releases.event.${h.action}`, toLabel: h.toStatus ? `releases.status.${h.toStatus}` : null }))),
        versions: plain(versions.map((v) => ({ version: v.version, authorLabel: v.authorLabel, createdAt: v.createdAt }))),
        lastVersion: r.version,
        warnings: plain(await this.releases.promotionWarnings(r)),
        values: {},
        errors: {},
        ...extra,
      },
      status,
    );
  }

  @Get(':id/editar')
  async editForm(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    const r = await this.releases.get(id);
    if (!editable(r.status)) {
      flash(req, 'warning', 'releases.rule.not_editable');
      return res.redirect(303, `/comunicados/${id}`);
    }
    render(res, 'press-releases/form', { title: 'releases.form.edit_title', id, departments: await this.departmentOptions(), values: this.valuesOf(r), errors: {} });
  }

  private valuesOf(r: PressRelease) {
    return { title: r.title, subtitle: r.subtitle ?? '', place: r.place, releaseDate: r.releaseDate, body: r.body, quotes: r.quotes, departmentId: r.departmentId ?? '', eventId: r.eventId ?? '', embargoUntil: instantToZoned(r.embargoUntil, this.config.TIMEZONE) };
  }

  @Post(':id')
  async update(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const model = { title: 'releases.form.edit_title', id, departments: await this.departmentOptions() };
    const form = await parseForm(ReleaseDto, body);
    if (!form.ok) return renderInvalid(res, 'press-releases/form', model, form.values, form.errors);
    const result = await orFieldError(() => this.releases.update(id, form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'press-releases/form', model, form.values, result.errors);
    flash(req, 'success', 'releases.flash.saved');
    res.redirect(303, `/comunicados/${id}`);
  }

  @Get(':id/medios')
  async mediaForm(@Param('id', ParseIntPipe) id: number, @Query('q') q: string | undefined, @Query('tipo') tipo: string | undefined, @Res() res: Response, status = 200, errors: Record<string, string> = {}) {
    const r = await this.releases.get(id);
    const today = this.bank.today();
    const chosen = await this.releases.mediaOf(r);
    const chosenIds = new Set(chosen.map((c) => c.asset.id));
    const kind = tipo === 'audio' ? 'audio' : 'photo';
    const filter = { q: q?.trim() || undefined, kind: kind as 'photo' | 'audio', usableOn: today, eventId: q?.trim() ? undefined : r.eventId ?? undefined };
    let { rows } = await this.bank.search(filter, 1, 48);
    if (!rows.length && filter.eventId) rows = (await this.bank.search({ ...filter, eventId: undefined }, 1, 48)).rows;
    render(
      res,
      'press-releases/media',
      {
        title: 'releases.media.title',
        release: plain({ id: r.id, title: r.title, editable: editable(r.status), eventId: r.eventId }),
        chosen: plain(chosen.map((c, i) => ({ ...assetCard(c.asset, today), caption: c.caption ?? c.asset.caption ?? '', position: i + 1 }))),
        candidates: plain(rows.filter((a) => !chosenIds.has(a.id)).map((a) => assetCard(a, today))),
        q: q ?? '',
        tipo: kind,
        errors,
        hasErrors: Object.keys(errors).length > 0,
      },
      status,
    );
  }

  @Post(':id/medios')
  async saveMedia(@Param('id', ParseIntPipe) id: number, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const raw = body.assetIds;
    const ids = (Array.isArray(raw) ? raw : raw == null ? [] : [raw]).map(String).filter((s) => /^\d{1,9}$/.test(s)).map(Number);
    const items = ids.map((assetId) => ({ assetId, caption: typeof body[`caption_${assetId}`] === 'string' ? (body[`caption_${assetId}`] as string) : null }));
    const result = await orFieldError(() => this.releases.setMedia(id, items, actorFrom(req)));
    if (!result.ok) return this.mediaForm(id, undefined, undefined, res, 422, result.errors);
    flash(req, 'success', 'releases.flash.media_saved');
    res.redirect(303, body.next === 'more' ? `/comunicados/${id}/medios` : `/comunicados/${id}`);
  }

  @Post(':id/acciones')
  async act(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(ActionDto, body);
    if (!form.ok) return this.show(id, req, res, 422, { values: form.values, errors: form.errors, hasErrors: true });
    const result = await orFieldError(() => this.releases.act(id, form.value, actorFrom(req)));
    if (!result.ok) return this.show(id, req, res, 422, { values: form.values, errors: result.errors, hasErrors: true });
    flash(req, 'success', `releases.flash.${form.value.action}`);
    res.redirect(303, `/comunicados/${id}`);
  }

  @Get(':id/pdf')
  async pdf(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const r = await this.releases.get(id);
    const buf = await this.releases.pdf(r);
    const template = await this.releases.template();
    const name = (this.releases.numberLabel(r, template.numberPrefix) ?? `borrador-${r.id}`).replace(/[^\p{L}\p{N}]+/gu, '-');
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `inline; filename*=UTF-8''${encodeURIComponent(name)}.pdf`);
    res.send(buf);
  }

  @Get(':id/correo')
  async emailPreview(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const r = await this.releases.get(id);
    const mail = releaseEmail(await this.releases.document(r, 'public'));
    render(res, 'press-releases/email', { title: 'releases.email.title', release: { id: r.id, title: r.title }, mail });
  }

  /** The email's HTML part as the recipient sees it (its own, stricter CSP: no scripts at all, inline styles allowed). */
  @Get(':id/correo.html')
  async emailHtml(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const r = await this.releases.get(id);
    const mail = releaseEmail(await this.releases.document(r, 'public'));
    res.setHeader('Content-Security-Policy', "default-src 'none'; img-src 'self' data: http: https:; style-src 'unsafe-inline'; frame-ancestors 'self'");
    res.type('html').send(mail.html);
  }

  @Get(':id/versiones')
  async versions(@Param('id', ParseIntPipe) id: number, @Query('de') de: string | undefined, @Query('a') a: string | undefined, @Res() res: Response) {
    const r = await this.releases.get(id);
    const versions = await this.releases.versions(id);
    const to = posInt(a) ?? r.version;
    const from = posInt(de) ?? Math.max(1, to - 1);
    const diff = versions.length > 1 || from !== to ? await this.releases.compare(id, from, to) : [];
    render(res, 'press-releases/versions', {
      title: 'releases.versions.title',
      release: { id: r.id, title: r.title },
      versions: plain(versions.map((v) => ({ version: v.version, authorLabel: v.authorLabel, createdAt: v.createdAt }))),
      from,
      to,
      diff: plain(diff.map((d) => ({ ...d, label: `releases.versions.field.${d.field}` }))),
    });
  }
}
