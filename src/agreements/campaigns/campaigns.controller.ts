/// <reference types="multer" />
import { Body, Controller, Get, Inject, Param, ParseIntPipe, Post, Query, Req, Res, UploadedFile } from '@nestjs/common';
import { MultipartForm } from '../../common/csrf';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { FileStorage } from '../../storage/file-storage';
import { sendStoredFile } from '../../common/user-files';
import { actorFrom } from '../../audit/audit-actor';
import { Roles } from '../../common/access.decorators';
import { flash } from '../../common/flash';
import { FieldErrors, parseForm } from '../../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../../common/render';
import { MediaDirectoryService } from '../../media-relations/media-directory.service';
import { Clock } from '../../common/clock';
import { localDate } from '../../common/local-time';
import { APP_CONFIG, AppConfig } from '../../config/config';
import { BLACKOUT_EXCEPTIONS } from '../blackout/blackout-rules';
import { BlackoutService } from '../blackout/blackout.service';
import { attachmentHeader, MAX_UPLOAD_BYTES } from '../uploads';
import { CAMPAIGN_TYPES, nextPieceStatus, PIECE_KINDS, previousPieceStatus } from './campaign-kinds';
import { CampaignFormDto, PieceFormDto, PieceMoveFormDto, StrategyFormDto } from './campaigns.dto';
import { CampaignsService } from './campaigns.service';

const yearOf = (v: unknown) => (typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : new Date().getFullYear());

/** /campanas: the year's strategy, campaigns, pieces and the content calendar. */
@Controller('campanas')
@Roles('press', 'director')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly media: MediaDirectoryService,
    private readonly blackout: BlackoutService,
    private readonly storage: FileStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Query('anio') anio: string | undefined, @Res() res: Response) {
    const year = yearOf(anio);
    const campaigns = (await this.campaigns.campaigns(year)).map((c) => ({ ...c, typeLabel: `campaigns.type.${c.type}` }));
    const strategy = await this.campaigns.strategy(year);
    render(res, 'agreements/campaigns', { title: 'campaigns.title', tab: 'campaigns', year, prevYear: year - 1, nextYear: year + 1, campaigns: plain(campaigns), strategy: strategy ? plain(strategy) : null });
  }

  @Get('estrategia')
  async strategyForm(@Query('anio') anio: string | undefined, @Res() res: Response) {
    const year = yearOf(anio);
    const s = await this.campaigns.strategy(year);
    render(res, 'agreements/strategy-form', { title: 'campaigns.strategy.title', tab: 'campaigns', values: s ? plain(s) : { year }, errors: {} });
  }

  @Post('estrategia')
  @Roles('press')
  async saveStrategy(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const model = { title: 'campaigns.strategy.title', tab: 'campaigns' };
    const form = await parseForm(StrategyFormDto, body);
    if (!form.ok) return renderInvalid(res, 'agreements/strategy-form', model, form.values, form.errors);
    await this.campaigns.saveStrategy(form.value, actorFrom(req));
    flash(req, 'success', 'campaigns.flash.strategy_saved');
    res.redirect(303, `/campanas?anio=${form.value.year}`);
  }

  private campaignModel(extra: Record<string, unknown>) {
    return { tab: 'campaigns', typeOptions: CAMPAIGN_TYPES.map((v) => ({ value: v, label: `campaigns.type.${v}` })), ...extra };
  }

  @Get('nueva')
  @Roles('press')
  newCampaign(@Res() res: Response) {
    render(res, 'agreements/campaign-form', this.campaignModel({ title: 'campaigns.new', isNew: true, values: { type: 'institutional' }, errors: {} }));
  }

  @Post()
  @Roles('press')
  create(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.saveCampaign(null, body, req, res);
  }

  @Get('calendario')
  async calendar(@Query('mes') mes: string | undefined, @Res() res: Response) {
    const month = typeof mes === 'string' && /^\d{4}-(0[1-9]|1[0-2])$/.test(mes) ? mes : localDate(this.clock.now(), this.config.TIMEZONE).slice(0, 7);
    const [y, m] = month.split('-').map(Number);
    const from = `${month}-01`;
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const to = `${month}-${String(last).padStart(2, '0')}`;
    const pieces = await this.campaigns.pieces({ from, to });
    const periods = await this.blackout.between(from, to);
    const days: { day: string; blackout: boolean; pieces: unknown[] }[] = [];
    for (let d = 1; d <= last; d++) {
      const day = `${month}-${String(d).padStart(2, '0')}`;
      const running = pieces.filter((p) => p.runsOn! <= day && (p.runsUntil ?? p.runsOn)! >= day);
      const blackout = periods.some((p) => p.startsOn <= day && day <= p.endsOn);
      if (running.length || blackout) days.push({ day, blackout, pieces: running.map((p) => ({ ...p, kindLabel: `campaigns.kind.${p.kind}`, statusLabel: `campaigns.status.${p.status}` })) });
    }
    const prev = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
    const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
    render(res, 'agreements/calendar', { title: 'campaigns.calendar.title', tab: 'calendar', month, monthStart: from, prev, next, days: plain(days), periods: plain(periods) });
  }

  // Pieces (before ':id' routes)
  private async pieceModel(extra: Record<string, unknown>) {
    return {
      tab: 'campaigns',
      kindOptions: PIECE_KINDS.map((v) => ({ value: v, label: `campaigns.kind.${v}` })),
      outletOptions: (await this.media.outletOptions()).map((o) => ({ value: o.id, labelText: o.name })),
      exceptionOptions: BLACKOUT_EXCEPTIONS.map((v) => ({ value: v, label: `blackout.exception.${v}` })),
      ...extra,
    };
  }

  @Get('piezas/:pid')
  async showPiece(@Param('pid', ParseIntPipe) pid: number, @Req() req: Request, @Res() res: Response) {
    await this.renderPiece(pid, req, res);
  }

  private async renderPiece(pid: number, req: Request, res: Response, status = 200, extra: { values?: Record<string, unknown>; errors?: FieldErrors } = {}) {
    const p = await this.campaigns.piece(pid);
    const c = await this.campaigns.campaign(p.campaignId);
    const role = (req.user as { role: string }).role;
    const warnings = await this.blackout.article134(`${p.title}.\n${p.script ?? ''}`);
    const next = nextPieceStatus(p.status);
    const prev = previousPieceStatus(p.status);
    const inForce = await this.blackout.current();
    render(
      res,
      'agreements/piece',
      await this.pieceModel({
        title: 'campaigns.piece.title',
        titleText: p.title,
        piece: plain({ ...p, kindLabel: `campaigns.kind.${p.kind}`, statusLabel: `campaigns.status.${p.status}`, exceptionLabel: p.blackoutException ? `blackout.exception.${p.blackoutException}` : null }),
        campaign: plain(c),
        files: plain(await this.campaigns.files(pid)),
        warnings,
        next: next ? { to: next, label: `campaigns.move.${next}` } : null,
        prev: prev ? { to: prev, label: `campaigns.move_back.${prev}` } : null,
        canMove: role === 'press' || role === 'director',
        isPress: role === 'press',
        blackoutNow: inForce ? plain(inForce) : null,
        values: { ...plain(p), ...(extra.values ?? {}) },
        errors: extra.errors ?? {},
        hasErrors: status === 422,
      }),
      status,
    );
  }

  @Post('piezas/:pid')
  @Roles('press')
  async updatePiece(@Param('pid', ParseIntPipe) pid: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const p = await this.campaigns.piece(pid);
    const form = await parseForm(PieceFormDto, body);
    if (!form.ok) return this.renderPiece(pid, req, res, 422, { values: form.values, errors: form.errors });
    const result = await orFieldError(() => this.campaigns.savePiece(pid, p.campaignId, form.value, actorFrom(req)));
    if (!result.ok) return this.renderPiece(pid, req, res, 422, { values: form.values, errors: result.errors });
    flash(req, 'success', 'campaigns.flash.piece_saved');
    res.redirect(303, `/campanas/piezas/${pid}`);
  }

  @Post('piezas/:pid/estado')
  async movePiece(@Param('pid', ParseIntPipe) pid: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(PieceMoveFormDto, body);
    if (!form.ok) return this.renderPiece(pid, req, res, 422, { values: form.values, errors: form.errors });
    const result = await orFieldError(() => this.campaigns.movePiece(pid, form.value, actorFrom(req)));
    if (!result.ok) return this.renderPiece(pid, req, res, 422, { values: form.values, errors: result.errors });
    flash(req, 'success', `campaigns.flash.moved.${form.value.to}`);
    res.redirect(303, `/campanas/piezas/${pid}`);
  }

  @Post('piezas/:pid/archivos')
  @Roles('press')
  @MultipartForm(FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES + 1, files: 1 } }))
  async uploadFile(@Param('pid', ParseIntPipe) pid: number, @UploadedFile() file: Express.Multer.File | undefined, @Req() req: Request, @Res() res: Response) {
    const result = await orFieldError(() => this.campaigns.addFile(pid, file, actorFrom(req)));
    if (!result.ok) return this.renderPiece(pid, req, res, 422, { errors: result.errors });
    flash(req, 'success', 'campaigns.flash.file_added');
    res.redirect(303, `/campanas/piezas/${pid}#archivos`);
  }

  @Get('piezas/:pid/archivos/:fid')
  async download(@Param('pid', ParseIntPipe) pid: number, @Param('fid', ParseIntPipe) fid: number, @Req() req: Request, @Res() res: Response) {
    const file = await this.campaigns.file(pid, fid);
    await sendStoredFile(req, res, this.storage, file.storageKey, () => {
      res.setHeader('Content-Type', file.mimeType);
      res.setHeader('Content-Disposition', attachmentHeader(file.originalName));
      res.setHeader('X-Content-Type-Options', 'nosniff');
    });
  }

  // One campaign
  @Get(':id')
  async show(@Param('id', ParseIntPipe) id: number, @Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const c = await this.campaigns.campaign(id);
    const pieces = (await this.campaigns.pieces({ campaignId: id })).map((p) => ({ ...p, kindLabel: `campaigns.kind.${p.kind}`, statusLabel: `campaigns.status.${p.status}` }));
    render(res, 'agreements/campaign', await this.pieceModel({ title: 'campaigns.campaign', titleText: c.name, campaign: plain({ ...c, typeLabel: `campaigns.type.${c.type}` }), pieces: plain(pieces), values: { kind: 'radio_spot' }, errors: {}, ...extra }), status);
  }

  @Get(':id/editar')
  @Roles('press')
  async editCampaign(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    render(res, 'agreements/campaign-form', this.campaignModel({ title: 'campaigns.edit', id, values: plain(await this.campaigns.campaign(id)), errors: {} }));
  }

  @Post(':id')
  @Roles('press')
  update(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.saveCampaign(id, body, req, res);
  }

  private async saveCampaign(id: number | null, body: unknown, req: Request, res: Response) {
    const model = this.campaignModel({ title: id ? 'campaigns.edit' : 'campaigns.new', id, isNew: !id });
    const form = await parseForm(CampaignFormDto, body);
    if (!form.ok) return renderInvalid(res, 'agreements/campaign-form', model, form.values, form.errors);
    const result = await orFieldError(() => this.campaigns.saveCampaign(id, form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'agreements/campaign-form', model, form.values, result.errors);
    flash(req, 'success', 'campaigns.flash.saved');
    res.redirect(303, `/campanas/${result.value.id}`);
  }

  @Post(':id/piezas')
  @Roles('press')
  async createPiece(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(PieceFormDto, body);
    if (!form.ok) return this.show(id, res, 422, { values: form.values, errors: form.errors, hasErrors: true });
    const result = await orFieldError(() => this.campaigns.savePiece(null, id, form.value, actorFrom(req)));
    if (!result.ok) return this.show(id, res, 422, { values: form.values, errors: result.errors, hasErrors: true });
    flash(req, 'success', 'campaigns.flash.piece_saved');
    res.redirect(303, `/campanas/piezas/${result.value.id}`);
  }
}
