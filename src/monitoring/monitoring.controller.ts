/// <reference types="multer" />
import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res, UploadedFile } from '@nestjs/common';
import { MultipartForm } from '../common/csrf';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { FileStorage } from '../storage/file-storage';
import { sendStoredFile } from '../common/user-files';
import { I18nService } from 'nestjs-i18n';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { parseForm } from '../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { MediaDirectoryService } from '../media-relations/media-directory.service';
import { MAX_CLIPPING_BYTES } from './clipping-files';
import { MEDIA_KINDS, TONES } from './monitoring-rules';
import { AcceptFormDto, ClippingFormDto, FeedFormDto, KeywordFormDto, LinkReleaseDto } from './monitoring.dto';
import { FeedReport, MonitoringService } from './monitoring.service';

const monthRange = (mes: unknown) => {
  const now = new Date();
  const month = typeof mes === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(mes) ? mes : `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { month, from: `${month}-01`, to: `${next}-01` };
};

/** /monitoreo: clippings, feeds and keyword rules, candidates, and the monthly report. */
@Controller('monitoreo')
@Roles('press')
export class MonitoringController {
  constructor(
    private readonly monitoring: MonitoringService,
    private readonly media: MediaDirectoryService,
    private readonly i18n: I18nService,
    private readonly storage: FileStorage,
  ) {}

  @Get()
  async index(@Query('tono') tono: string | undefined, @Query('medio') medio: string | undefined, @Query('mes') mes: string | undefined, @Res() res: Response) {
    const filter = { tone: (TONES as readonly string[]).includes(tono ?? '') ? tono : undefined, medium: (MEDIA_KINDS as readonly string[]).includes(medio ?? '') ? medio : undefined };
    const clippings = (await this.monitoring.clippings(filter)).map((c) => ({ ...c, toneLabel: `monitoring.tone.${c.tone}`, mediumLabel: `monitoring.medium.${c.medium}` }));
    const { month, from, to } = monthRange(mes);
    const s = await this.monitoring.summary(from, to);
    const max = (rows: { n: number }[]) => Math.max(1, ...rows.map((r) => r.n));
    const label = (prefix: string) => (rows: { key: string; n: number }[]) => rows.map((r) => ({ ...r, label: `${prefix}.${r.key}`, max: max(rows) }));
    const withMax = (rows: { key: string; n: number }[]) => rows.map((r) => ({ ...r, max: max(rows) }));
    render(res, 'monitoring/index', {
      title: 'monitoring.title',
      tab: 'clippings',
      clippings: plain(clippings),
      filter: { tone: filter.tone ?? '', medium: filter.medium ?? '' },
      toneOptions: TONES.map((v) => ({ value: v, label: `monitoring.tone.${v}` })),
      mediumOptions: MEDIA_KINDS.map((v) => ({ value: v, label: `monitoring.medium.${v}` })),
      month,
      summary: { byTone: label('monitoring.tone')(s.byTone), byMedium: label('monitoring.medium')(s.byMedium), byOutlet: withMax(s.byOutlet), byWeek: withMax(s.byWeek) },
      pending: (await this.monitoring.candidates('pending')).length,
    });
  }

  @Get('resumen.xlsx')
  async monthly(@Query('mes') mes: string | undefined, @Res() res: Response) {
    const { month, from, to } = monthRange(mes);
    const t = (k: string) => this.i18n.t(k as never, { lang: 'es' }) as string;
    const buf = await this.monitoring.monthlyXlsx(from, to, { tone: (k) => t(`monitoring.tone.${k}`), medium: (k) => t(`monitoring.medium.${k}`) });
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="monitoreo-${month}.xlsx"`);
    res.end(buf);
  }

  private async clippingModel(extra: Record<string, unknown>) {
    return {
      tab: 'clippings',
      outletOptions: (await this.media.outletOptions()).map((o) => ({ value: o.id, labelText: o.name })),
      toneOptions: TONES.map((v) => ({ value: v, label: `monitoring.tone.${v}` })),
      mediumOptions: MEDIA_KINDS.map((v) => ({ value: v, label: `monitoring.medium.${v}` })),
      ...extra,
    };
  }

  @Get('nuevo')
  async newClipping(@Res() res: Response) {
    render(res, 'monitoring/clipping-form', await this.clippingModel({ title: 'monitoring.clipping.new', values: { tone: 'neutral', medium: 'press' }, errors: {} }));
  }

  @Post()
  @MultipartForm(FileInterceptor('file', { limits: { fileSize: MAX_CLIPPING_BYTES + 1, files: 1 } }))
  async create(@UploadedFile() file: Express.Multer.File | undefined, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const model = await this.clippingModel({ title: 'monitoring.clipping.new' });
    const form = await parseForm(ClippingFormDto, body);
    if (!form.ok) return renderInvalid(res, 'monitoring/clipping-form', model, form.values, form.errors);
    const result = await orFieldError(() => this.monitoring.addClipping(form.value, file, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'monitoring/clipping-form', model, form.values, result.errors);
    flash(req, 'success', 'monitoring.flash.clipping_saved');
    res.redirect(303, `/monitoreo/testigos/${result.value.id}`);
  }

  @Get('testigos/:id')
  async show(@Param('id', ParseIntPipe) id: number, @Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const c = await this.monitoring.clipping(id);
    const releases = await this.monitoring.linkableReleases();
    render(
      res,
      'monitoring/clipping',
      {
        title: 'monitoring.clipping.title',
        titleText: c.headline,
        tab: 'clippings',
        c: plain({ ...c, toneLabel: `monitoring.tone.${c.tone}`, mediumLabel: `monitoring.medium.${c.medium}` }),
        releaseOptions: plain(releases.map((r) => ({ value: r.id, labelText: `#${r.id} · ${r.title}` }))),
        values: { releaseId: c.releaseId ?? '' },
        errors: {},
        ...extra,
      },
      status,
    );
  }

  /** Link a clipping to a release after the fact (one accepted from a feed, say), or unlink it. */
  @Post('testigos/:id/comunicado')
  async link(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(LinkReleaseDto, body);
    if (!form.ok) return this.show(id, res, 422, { values: form.values, errors: form.errors, hasErrors: true });
    const result = await orFieldError(() => this.monitoring.linkClipping(id, form.value.releaseId ?? null, actorFrom(req)));
    if (!result.ok) return this.show(id, res, 422, { values: form.values, errors: result.errors, hasErrors: true });
    flash(req, 'success', 'monitoring.flash.linked');
    res.redirect(303, `/monitoreo/testigos/${id}`);
  }

  @Get('testigos/:id/archivo')
  async file(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    const { clipping, key } = await this.monitoring.clippingFile(id);
    await sendStoredFile(req, res, this.storage, key, () => {
      res.setHeader('Content-Type', clipping.fileMime ?? 'application/octet-stream');
      res.setHeader('Content-Disposition', `attachment; filename="testigo-${id}"; filename*=UTF-8''${encodeURIComponent(clipping.fileName ?? `testigo-${id}`)}`);
      res.setHeader('X-Content-Type-Options', 'nosniff');
    });
  }

  // Feeds and keywords
  @Get('comunicados/:id')
  async pickup(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const p = await this.monitoring.releasePickup(id);
    render(res, 'monitoring/pickup', {
      title: 'monitoring.pickup.title',
      titleText: p.release.title,
      release: plain(p.release),
      percent: p.ratio == null ? null : Math.round(p.ratio * 100),
      sentCount: p.sentCount,
      publishedCount: p.publishedCount,
      published: plain(p.outlets.filter((o) => o.published)),
      missing: plain(p.outlets.filter((o) => !o.published)),
      elsewhere: plain(p.elsewhere),
      checks: plain(p.checks),
    });
  }

  @Post('comunicados/:id/revisado')
  async pickupChecked(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.monitoring.logPickupCheck(id, actorFrom(req));
    flash(req, 'success', 'monitoring.pickup.checked');
    res.redirect(303, `/monitoreo/comunicados/${id}`);
  }

  @Get('fuentes')
  async feeds(@Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    render(
      res,
      'monitoring/feeds',
      {
        title: 'monitoring.feeds.title',
        tab: 'feeds',
        feeds: plain((await this.monitoring.feeds()).map((f) => ({ ...f, statusLabel: f.lastStatus ? `monitoring.feed_status.${f.lastStatus}` : null }))),
        keywords: plain(await this.monitoring.keywords()),
        outletOptions: (await this.media.outletOptions()).map((o) => ({ value: o.id, labelText: o.name })),
        values: {},
        errors: {},
        ...extra,
      },
      status,
    );
  }

  @Post('fuentes')
  async addFeed(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(FeedFormDto, body);
    if (!form.ok) return this.feeds(res, 422, { values: form.values, errors: form.errors, hasErrors: true });
    const result = await orFieldError(() => this.monitoring.addFeed(form.value, actorFrom(req)));
    if (!result.ok) return this.feeds(res, 422, { values: form.values, errors: result.errors, hasErrors: true });
    flash(req, 'success', 'monitoring.flash.feed_saved');
    res.redirect(303, '/monitoreo/fuentes');
  }

  @Post('fuentes/revisar')
  async poll(@Res() res: Response) {
    const reports: FeedReport[] = await this.monitoring.pollFeeds();
    return this.feeds(res, 200, { reports: plain(reports.map((r) => ({ ...r, statusLabel: `monitoring.feed_status.${r.status}` }))) });
  }

  @Post('fuentes/:id/activar')
  async toggleFeed(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.monitoring.toggleFeed(id, actorFrom(req));
    res.redirect(303, '/monitoreo/fuentes');
  }

  @Post('palabras')
  async addKeyword(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(KeywordFormDto, body);
    if (!form.ok) return this.feeds(res, 422, { values: form.values, errors: form.errors, hasErrors: true });
    const result = await orFieldError(() => this.monitoring.addKeyword(form.value, actorFrom(req)));
    if (!result.ok) return this.feeds(res, 422, { values: form.values, errors: result.errors, hasErrors: true });
    flash(req, 'success', 'monitoring.flash.keyword_saved');
    res.redirect(303, '/monitoreo/fuentes#palabras');
  }

  @Post('palabras/:id/eliminar')
  async removeKeyword(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.monitoring.removeKeyword(id, actorFrom(req));
    res.redirect(303, '/monitoreo/fuentes#palabras');
  }

  // Candidates
  @Get('candidatos')
  async candidates(@Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const releases = await this.monitoring.linkableReleases();
    render(res, 'monitoring/candidates', { title: 'monitoring.candidates.title', tab: 'candidates', candidates: plain(await this.monitoring.candidates('pending')), toneOptions: TONES.map((v) => ({ value: v, label: `monitoring.tone.${v}` })), releaseOptions: plain(releases.map((r) => ({ value: r.id, labelText: `#${r.id} · ${r.title}` }))), errors: {}, ...extra }, status);
  }

  @Post('candidatos/:id/aceptar')
  async accept(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(AcceptFormDto, body);
    if (!form.ok) return this.candidates(res, 422, { errors: form.errors, hasErrors: true });
    const result = await orFieldError(() => this.monitoring.acceptCandidate(id, form.value, actorFrom(req)));
    if (!result.ok) return this.candidates(res, 422, { errors: result.errors, hasErrors: true });
    flash(req, 'success', 'monitoring.flash.accepted');
    res.redirect(303, '/monitoreo/candidatos');
  }

  @Post('candidatos/:id/descartar')
  async discard(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.monitoring.discardCandidate(id, actorFrom(req));
    flash(req, 'success', 'monitoring.flash.discarded');
    res.redirect(303, '/monitoreo/candidatos');
  }
}
