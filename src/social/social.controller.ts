import { Body, Controller, Get, Inject, Param, ParseIntPipe, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { parseForm } from '../common/forms';
import { PUBLICATION_EXCEPTIONS } from '../common/publication-gate';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { APP_CONFIG, AppConfig } from '../config/config';
import { dayIn, zonedToInstant } from '../media-bank/local-time';
import { assetCard } from '../media-bank/media-bank.controller';
import { MediaBankService } from '../media-bank/media-bank.service';
import { MarkPublishedDto, PostDto } from './dto/post.dto';
import { SocialPost } from './social-post.entity';
import { SocialService } from './social.service';
import { formatDay } from '../common/local-time';

const posInt = (s: unknown): number | undefined => (typeof s === 'string' && /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : undefined);
const idsFrom = (raw: unknown): number[] => (Array.isArray(raw) ? raw : raw == null ? [] : [raw]).map(String).filter((s) => /^\d{1,9}$/.test(s)).map(Number);

/** "Mantener actualizada la cuenta": posts for the municipality's Facebook page. */
@Controller('redes')
@Roles('press')
export class SocialController {
  constructor(
    private readonly social: SocialService,
    private readonly bank: MediaBankService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private row(p: SocialPost) {
    return { id: p.id, text: p.text.length > 140 ? p.text.slice(0, 139) + '…' : p.text, status: p.status, statusLabel: `social.status.${p.status}`, scheduledAt: p.scheduledAt, publishedAt: p.publishedAt, externalUrl: p.externalUrl, lastError: p.lastError, releaseId: p.releaseId };
  }

  @Get()
  async list(@Res() res: Response) {
    render(res, 'social/list', {
      title: 'social.title',
      configured: this.social.configured,
      pending: plain((await this.social.list(['ready', 'failed', 'scheduled', 'queued', 'draft'])).map((p) => this.row(p))),
      published: plain((await this.social.list(['published'], 20)).map((p) => this.row(p))),
    });
  }

  private async composeModel(releaseId?: number) {
    const today = this.bank.today();
    const suggestion = releaseId ? await this.social.suggestion(releaseId) : null;
    const { rows } = await this.bank.search({ kind: 'photo', usableOn: today }, 1, 24);
    const ids = new Set(rows.map((r) => r.id));
    const fromRelease = suggestion ? (await this.bank.findByIds(suggestion.photoIds)).filter((a) => !ids.has(a.id)) : [];
    return {
      title: 'social.compose.title',
      configured: this.social.configured,
      exceptionOptions: PUBLICATION_EXCEPTIONS.map((v) => ({ value: v, label: `blackout.exception.${v}` })),
      release: suggestion ? { id: suggestion.releaseId, title: suggestion.title } : null,
      photos: plain([...fromRelease, ...rows].map((a) => assetCard(a, today)).filter((a) => a.usable)),
      suggestion,
    };
  }

  @Get('nueva')
  async composeForm(@Query('comunicado') comunicado: string | undefined, @Res() res: Response) {
    const model = await this.composeModel(posInt(comunicado));
    render(res, 'social/compose', { ...model, values: { text: model.suggestion?.text ?? '', link: model.suggestion?.link ?? '', releaseId: model.suggestion?.releaseId ?? '', assetIds: (model.suggestion?.photoIds ?? []).map(String) }, errors: {} });
  }

  @Post()
  async create(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const assetIds = idsFrom(body.assetIds);
    const form = await parseForm(PostDto, body);
    const model = await this.composeModel(posInt(String(body.releaseId ?? '')));
    const values = { ...form.values, assetIds: assetIds.map(String) };
    if (!form.ok) return renderInvalid(res, 'social/compose', model, values, form.errors);
    const result = await orFieldError(() => this.social.compose(form.value, assetIds, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'social/compose', model, values, result.errors);
    const p = result.value;
    flash(req, 'success', `social.flash.created_${p.status}`);
    res.redirect(303, `/redes/${p.id}`);
  }

  @Get('calendario')
  async calendar(@Query('mes') mes: string | undefined, @Res() res: Response) {
    const tz = this.config.TIMEZONE;
    const today = this.bank.today();
    const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(mes ?? '') ? mes! : today.slice(0, 7);
    const [y, mo] = month.split('-').map(Number);
    const first = `${month}-01`;
    const nextMonth = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
    const prevMonth = mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
    const posts = await this.social.between(zonedToInstant(first, tz)!, zonedToInstant(`${nextMonth}-01`, tz)!);
    const byDay = new Map<string, ReturnType<SocialController['row']>[]>();
    for (const p of posts) {
      const day = dayIn(new Date(p.publishedAt ?? p.scheduledAt!), tz);
      byDay.set(day, [...(byDay.get(day) ?? []), this.row(p)]);
    }
    const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
    const lead = (new Date(Date.UTC(y, mo - 1, 1)).getUTCDay() + 6) % 7; // Monday first
    const cells: ({ day: string; n: number; posts: unknown[]; today: boolean } | null)[] = Array(lead).fill(null);
    for (let d = 1; d <= daysInMonth; d++) {
      const day = `${month}-${String(d).padStart(2, '0')}`;
      cells.push({ day, n: d, posts: byDay.get(day) ?? [], today: day === today });
    }
    while (cells.length % 7) cells.push(null);
    const weeks = [];
    for (let i = 0; i < cells.length; i += 7) weeks.push(cells.slice(i, i + 7));
    const monthName = formatDay(`${y}-${String(mo).padStart(2, '0')}-01`, { lang: res.locals.lang as string, style: { month: 'long', year: 'numeric' } });
    render(res, 'social/calendar', { title: 'social.calendar.title', monthName, weeks: plain(weeks), prev: prevMonth, next: nextMonth, count: posts.length });
  }

  @Get(':id')
  async show(@Param('id', ParseIntPipe) id: number, @Res() res: Response, status = 200, extra: Record<string, unknown> = {}) {
    const p = await this.social.get(id);
    const today = this.bank.today();
    render(
      res,
      'social/show',
      {
        title: 'social.show.title',
        post: plain({ ...this.row(p), text: p.text, link: p.link, canPublish: ['draft', 'failed', 'ready'].includes(p.status) && this.social.configured, canMark: ['draft', 'failed', 'ready'].includes(p.status) }),
        photos: plain((await this.social.photosOf(id)).map((a) => assetCard(a, today))),
        configured: this.social.configured,
        warnings: plain(await this.social.promotionWarnings(p)),
        values: {},
        errors: {},
        ...extra,
      },
      status,
    );
  }

  @Post(':id/publicar')
  async publish(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    const p = await this.social.publish(id, actorFrom(req));
    flash(req, 'success', `social.flash.created_${p.status}`);
    res.redirect(303, `/redes/${id}`);
  }

  @Post(':id/publicado')
  async markPublished(@Param('id', ParseIntPipe) id: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(MarkPublishedDto, body);
    if (!form.ok) return this.show(id, res, 422, { values: form.values, errors: form.errors, hasErrors: true });
    await this.social.markPublished(id, form.value, actorFrom(req));
    flash(req, 'success', 'social.flash.marked');
    res.redirect(303, `/redes/${id}`);
  }
}
