import { rm } from 'node:fs/promises';
import { Body, Controller, Get, Inject, NotFoundException, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { DoubleCsrfUtilities } from 'csrf-csrf';
import { assertCsrf, CSRF, CsrfCheckedInHandler } from '../common/csrf';
import { dateFilters, isCalendarDate } from '../common/calendar-date';
import type { Request, Response } from 'express';
import { I18nService } from 'nestjs-i18n';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { FieldError, parseForm } from '../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { sendStoredFile, userFileHeaders } from '../common/user-files';
import { FileStorage } from '../storage/file-storage';
import { APP_CONFIG, AppConfig } from '../config/config';
import { DepartmentsService } from '../departments/departments.service';
import { AssetDto, CollectionDto, UploadDto } from './dto/asset.dto';
import { instantToZoned } from './local-time';
import { MediaAsset } from './media-asset.entity';
import { AssetFilter } from './media-bank.repository';
import { AssetVariant, IngestResult, MediaBankService, StoredAssetFile } from './media-bank.service';
import { humanDuration, humanSize, MAX_FILES_PER_UPLOAD, MEDIA_KINDS, MediaKind, SIZE_LIMITS, usable, USAGE_RIGHTS } from './media-kinds';
import { receiveUpload, UploadRefused } from './upload-receiver';

const PER_PAGE = 24;
const posInt = (s: unknown): number | undefined => (typeof s === 'string' && /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : undefined);

/** A plain view model of an asset for lists and pickers (shared with the releases' photo picker). */
export function assetCard(a: MediaAsset, today: string) {
  return {
    id: a.id,
    kind: a.kind,
    kindLabel: `bank.kind.${a.kind}`,
    title: a.title,
    caption: a.caption,
    credit: a.credit,
    takenAt: a.takenAt ?? a.createdAt,
    hasThumb: !!a.thumbKey,
    thumbUrl: a.thumbKey ? `/banco/${a.id}/miniatura` : null,
    webUrl: a.webKey ? `/banco/${a.id}/web` : null,
    originalUrl: `/banco/${a.id}/original`,
    doNotUse: a.doNotUse,
    usable: usable(a, today),
    expired: !!a.rightsExpiresOn && a.rightsExpiresOn < today,
    rightsLabel: `bank.rights.${a.rights}`,
    duration: humanDuration(a.durationSeconds),
    size: humanSize(Number(a.sizeBytes)),
    tags: a.tags,
  };
}

@Controller('banco')
@Roles('press')
export class MediaBankController {
  constructor(
    private readonly bank: MediaBankService,
    private readonly departments: DepartmentsService,
    private readonly i18n: I18nService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: FileStorage,
    @Inject(CSRF) private readonly csrf: DoubleCsrfUtilities,
  ) {}

  private filterFrom(query: Record<string, unknown>): AssetFilter {
    const kind = MEDIA_KINDS.includes(query.tipo as MediaKind) ? (query.tipo as MediaKind) : undefined;
    const ids = typeof query.ids === 'string' && /^\d{1,9}(,\d{1,9}){0,99}$/.test(query.ids) ? query.ids.split(',').map(Number) : undefined;
    return {
      q: typeof query.q === 'string' && query.q.trim() ? query.q.trim().slice(0, 200) : undefined,
      kind,
      from: isCalendarDate(query.desde) ? query.desde : undefined,
      to: isCalendarDate(query.hasta) ? query.hasta : undefined,
      eventId: posInt(query.evento),
      coverageId: posInt(query.cobertura),
      departmentId: posInt(query.dependencia),
      credit: typeof query.autor === 'string' && query.autor.trim() ? query.autor.trim().slice(0, 150) : undefined,
      tag: typeof query.etiqueta === 'string' && query.etiqueta.trim() ? query.etiqueta.trim().slice(0, 60) : undefined,
      collectionId: posInt(query.coleccion),
      usableOn: query.utilizables === '1' ? this.bank.today() : undefined,
      ids,
    };
  }

  @Get()
  async list(@Query() query: Record<string, unknown>, @Res() res: Response) {
    const filter = this.filterFrom(query);
    const dates = dateFilters(query, ['desde', 'hasta'] as const);
    const page = posInt(query.pagina) ?? 1;
    const { rows, total } = await this.bank.search(filter, page, PER_PAGE);
    const today = this.bank.today();
    const params = new URLSearchParams();
    for (const k of ['q', 'tipo', 'desde', 'hasta', 'evento', 'cobertura', 'dependencia', 'autor', 'etiqueta', 'coleccion', 'utilizables', 'ids']) {
      if (typeof query[k] === 'string' && query[k]) params.set(k, query[k] as string);
    }
    const pageUrl = (p: number) => `/banco?${new URLSearchParams({ ...Object.fromEntries(params), pagina: String(p) })}`;
    render(res, 'media-bank/list', {
      title: 'bank.list.title',
      assets: plain(rows.map((a) => assetCard(a, today))),
      total,
      filter: { ...plain(filter), q: query.q ?? '', tipo: filter.kind ?? '', desde: dates.typed.desde ?? '', hasta: dates.typed.hasta ?? '', evento: filter.eventId ?? '', dependencia: filter.departmentId ?? '', autor: filter.credit ?? '', etiqueta: filter.tag ?? '', coleccion: filter.collectionId ?? '', utilizables: query.utilizables === '1' },
      errors: dates.errors,
      filtered: params.toString() !== '',
      justUploaded: !!filter.ids,
      kinds: MEDIA_KINDS.map((k) => ({ value: k, label: `bank.kind.${k}` })),
      departments: plain((await this.departments.list(true)).map((d) => ({ value: d.id, labelText: d.name }))),
      collections: plain((await this.bank.collections()).map((c) => ({ value: c.id, labelText: c.name }))),
      tags: plain(await this.bank.topTags()),
      credits: await this.bank.credits(),
      prev: page > 1 ? pageUrl(page - 1) : null,
      next: page * PER_PAGE < total ? pageUrl(page + 1) : null,
      page,
    });
  }

  private async uploadModel(extra: Record<string, unknown> = {}) {
    return {
      title: 'bank.upload.title',
      departments: plain((await this.departments.list(true)).map((d) => ({ value: d.id, labelText: d.name }))),
      collections: plain((await this.bank.collections()).map((c) => ({ value: c.id, labelText: c.name }))),
      rightsOptions: USAGE_RIGHTS.map((r) => ({ value: r, label: `bank.rights.${r}` })),
      limits: Object.fromEntries(Object.entries(SIZE_LIMITS).map(([k, v]) => [k, Math.round(v / 1024 / 1024)])),
      maxFiles: MAX_FILES_PER_UPLOAD,
      ...extra,
    };
  }

  @Get('subir')
  async uploadForm(@Query('evento') evento: string | undefined, @Query('cobertura') cobertura: string | undefined, @Res() res: Response) {
    // The agenda links here to deliver a coverage: /banco/subir?evento=12&cobertura=34
    render(res, 'media-bank/upload', { ...(await this.uploadModel()), values: { rights: 'institutional', eventId: posInt(evento) ?? '', coverageId: posInt(cobertura) ?? '' }, errors: {} });
  }

  /**
   * Several files at once. With JavaScript the page sends one file a request and shows the
   * progress (it asks for JSON); without it the form posts them all and gets a page back.
   */
  @Post('subir')
  @CsrfCheckedInHandler()
  async upload(@Req() req: Request, @Res() res: Response) {
    const lang = (res.locals.lang as string) ?? 'es';
    const wantsJson = (req.headers.accept ?? '').includes('application/json');
    const say = (key: string, args?: Record<string, unknown>) => this.i18n.t(key, { lang, args: this.kindArgs(args, lang) }) as string;
    let received;
    try {
      received = await receiveUpload(req, res);
    } catch (e) {
      if (!(e instanceof UploadRefused)) throw e;
      if (wantsJson) return res.status(e.status).json({ accepted: [], refused: [{ name: '', message: say(e.reason, e.args) }] });
      return render(res, 'media-bank/upload', { ...(await this.uploadModel()), values: { rights: 'institutional' }, errors: { files: e.reason }, errorArgs: e.args, hasErrors: true, requestError: say(e.reason, e.args) }, e.status);
    }
    const { files, body } = received;
    const dropAll = () => Promise.all(files.map((f) => rm(f.path, { force: true })));
    // The form's token travels in its body: checked as soon as the body is parsed, before any file is looked at.
    try {
      assertCsrf(this.csrf, req);
    } catch (e) {
      await dropAll();
      throw e;
    }
    const form = await parseForm(UploadDto, body);
    let errors: Record<string, string> | null = form.ok ? null : form.errors;
    if (form.ok) {
      const checked = await orFieldError(() => this.bank.checkUploadMeta(form.value));
      if (!checked.ok) errors = checked.errors;
    }
    if (!errors && files.length === 0) errors = { files: 'bank.refused.no_files' };
    if (errors || !form.ok) {
      await dropAll();
      if (wantsJson) return res.status(422).json({ accepted: [], refused: Object.values(errors ?? {}).map((k) => ({ name: '', message: say(k) })) });
      return renderInvalid(res, 'media-bank/upload', await this.uploadModel(), form.values, errors ?? {});
    }
    const results: IngestResult[] = [];
    // The page's script sends one file a request and says where it falls in the batch.
    const bi = posInt(String(Number(body.batchIndex) + 1));
    const bc = posInt(body.batchCount);
    for (const [index, f] of files.entries()) {
      const position = files.length > 1 ? { index, count: files.length } : bi && bc && bi <= bc ? { index: bi - 1, count: bc } : undefined;
      results.push(await this.bank.ingest(f.path, f.originalname, form.value, actorFrom(req), position));
    }
    const accepted = results.filter((r): r is Extract<IngestResult, { ok: true }> => r.ok).map((r) => ({ id: r.asset.id, name: r.name, title: r.asset.title, url: `/banco/${r.asset.id}`, notes: r.asset.processingNotes }));
    const refused = results.filter((r): r is Extract<IngestResult, { ok: false }> => !r.ok).map((r) => ({ name: r.name, message: say(r.reason, r.args) }));
    if (wantsJson) return res.status(refused.length ? 422 : 200).json({ accepted, refused });
    if (refused.length) {
      return render(res, 'media-bank/upload', { ...(await this.uploadModel()), values: form.values, errors: {}, accepted, refused, hasErrors: true }, 422);
    }
    flash(req, 'success', accepted.length === 1 ? 'bank.flash.uploaded_one' : 'bank.flash.uploaded');
    res.redirect(303, `/banco?ids=${accepted.map((a) => a.id).join(',')}`);
  }

  private kindArgs(args: Record<string, unknown> | undefined, lang: string) {
    if (!args?.kind) return args ?? {};
    return { ...args, kind: this.i18n.t(`bank.kind.${String(args.kind)}`, { lang }) };
  }

  @Get('colecciones')
  async collections(@Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    render(res, 'media-bank/collections', { title: 'bank.collections.title', collections: plain(await this.bank.collections()), values: {}, errors: {}, ...extra }, status);
  }

  @Post('colecciones')
  async createCollection(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(CollectionDto, body);
    if (!form.ok) return this.collections(res, 422, { values: form.values, errors: form.errors, hasErrors: true });
    const result = await orFieldError(() => this.bank.createCollection(form.value, actorFrom(req)));
    if (!result.ok) return this.collections(res, 422, { values: form.values, errors: result.errors, hasErrors: true });
    flash(req, 'success', 'bank.flash.collection_created');
    res.redirect(303, `/banco/colecciones/${result.value.id}`);
  }

  @Get('colecciones/:id')
  async collection(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const c = await this.bank.collection(id);
    const { rows } = await this.bank.search({ collectionId: id }, 1, 500);
    const today = this.bank.today();
    render(res, 'media-bank/collection', { title: 'bank.collections.one', titleText: c.name, collection: plain(c), assets: plain(rows.map((a) => assetCard(a, today))) });
  }

  @Get('eventos/:eventId')
  async event(@Param('eventId', ParseIntPipe) eventId: number, @Res() res: Response) {
    const { rows, total } = await this.bank.search({ eventId }, 1, 500);
    const today = this.bank.today();
    render(res, 'media-bank/event', { title: 'bank.event.title', eventId, total, assets: plain(rows.map((a) => assetCard(a, today))) });
  }

  private async assetModel(a: MediaAsset) {
    const today = this.bank.today();
    return {
      title: 'bank.asset.title',
      titleText: a.title,
      asset: plain({
        ...assetCard(a, today),
        originalName: a.originalName,
        mimeType: a.mimeType,
        width: a.width,
        height: a.height,
        format: a.format,
        camera: a.camera,
        latitude: a.latitude,
        longitude: a.longitude,
        mapUrl: a.latitude != null && a.longitude != null ? `https://www.openstreetmap.org/?mlat=${a.latitude.toFixed(6)}&mlon=${a.longitude.toFixed(6)}#map=17/${a.latitude.toFixed(6)}/${a.longitude.toFixed(6)}` : null,
        gps: a.latitude != null && a.longitude != null ? `${a.latitude.toFixed(5)}, ${a.longitude.toFixed(5)}` : null,
        notes: a.processingNotes,
        eventId: a.eventId,
        coverageId: a.coverageId,
        createdAt: a.createdAt,
        isAudio: a.kind === 'audio',
        isVideo: a.kind === 'video',
        mediaUrl: `/banco/${a.id}/original`,
        metadataRows: Object.entries(a.metadata ?? {}).slice(0, 60).map(([k, v]) => ({ k, v: Array.isArray(v) ? v.join(', ') : String(v) })),
      }),
      rightsOptions: USAGE_RIGHTS.map((r) => ({ value: r, label: `bank.rights.${r}` })),
      departments: plain((await this.departments.list()).map((d) => ({ value: d.id, labelText: d.name }))),
      collectionsOf: plain(await this.bank.collectionsOf(a.id)),
      collections: plain((await this.bank.collections()).map((c) => ({ value: c.id, labelText: c.name }))),
    };
  }

  private valuesOf(a: MediaAsset, tz: string) {
    return {
      title: a.title,
      caption: a.caption ?? '',
      credit: a.credit ?? '',
      takenAt: instantToZoned(a.takenAt, tz),
      place: a.place ?? '',
      tags: a.tags.join(', '),
      eventId: a.eventId ?? '',
      coverageId: a.coverageId ?? '',
      departmentId: a.departmentId ?? '',
      rights: a.rights,
      rightsExpiresOn: a.rightsExpiresOn ?? '',
      doNotUse: a.doNotUse,
    };
  }

  @Get(':id')
  async show(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    const a = await this.bank.get(id);
    render(res, 'media-bank/asset', { ...(await this.assetModel(a)), values: this.valuesOf(a, this.tz(res)), errors: {} });
  }

  private tz(_res: Response): string {
    return this.config.TIMEZONE;
  }

  @Post(':id')
  async update(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const a = await this.bank.get(id);
    const form = await parseForm(AssetDto, body);
    if (!form.ok) return renderInvalid(res, 'media-bank/asset', await this.assetModel(a), form.values, form.errors);
    const result = await orFieldError(() => this.bank.update(id, form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'media-bank/asset', await this.assetModel(a), form.values, result.errors);
    flash(req, 'success', 'bank.flash.updated');
    res.redirect(303, `/banco/${id}`);
  }

  @Post(':id/colecciones')
  async addToCollection(@Param('id', ParseIntPipe) id: number, @Body('collectionId') collectionId: string, @Req() req: Request, @Res() res: Response) {
    const cid = posInt(collectionId);
    if (!cid) throw new FieldError('collectionId', 'bank.validation.collection');
    await this.bank.addToCollection(cid, id, actorFrom(req));
    flash(req, 'success', 'bank.flash.added_to_collection');
    res.redirect(303, `/banco/${id}`);
  }

  @Post(':id/colecciones/:cid/quitar')
  async removeFromCollection(@Param('id', ParseIntPipe) id: number, @Param('cid', ParseIntPipe) cid: number, @Req() req: Request, @Res() res: Response) {
    await this.bank.removeFromCollection(cid, id, actorFrom(req));
    flash(req, 'success', 'bank.flash.removed_from_collection');
    res.redirect(303, `/banco/${id}`);
  }

  /** The files themselves. Directors reach them too: they review the photos chosen for a release. */
  @Get(':id/original')
  @Roles('press', 'director')
  original(@Param('id', ParseIntPipe) id: number, @Query('descargar') dl: string | undefined, @Req() req: Request, @Res() res: Response) {
    return this.send(id, 'original', req, res, dl === '1');
  }

  @Get(':id/web')
  @Roles('press', 'director')
  web(@Param('id', ParseIntPipe) id: number, @Query('descargar') dl: string | undefined, @Req() req: Request, @Res() res: Response) {
    return this.send(id, 'web', req, res, dl === '1');
  }

  @Get(':id/miniatura')
  @Roles('press', 'director')
  thumb(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    return this.send(id, 'thumb', req, res, false);
  }

  private async send(id: number, variant: AssetVariant, req: Request, res: Response, download: boolean) {
    const a = await this.bank.get(id);
    const file = this.bank.fileOf(a, variant);
    if (!file) throw new NotFoundException();
    await sendStored(req, res, this.storage, file, download);
  }
}

/** Send a stored file (with ranges, so audio and video can seek), inline or as a download. */
export function sendStored(req: Request, res: Response, storage: FileStorage, file: StoredAssetFile, download: boolean): Promise<void> {
  return sendStoredFile(req, res, storage, file.key, () => userFileHeaders(res, file, { download }));
}
