import { Controller, Get, Inject, NotFoundException, Param, ParseIntPipe, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Feed } from 'feed';
import { Public } from '../common/access.decorators';
import { dateFilters } from '../common/calendar-date';
import { plain, render } from '../common/render';
import { APP_CONFIG, AppConfig } from '../config/config';
import { sendStored } from '../media-bank/media-bank.controller';
import { FileStorage } from '../storage/file-storage';
import { MediaBankService } from '../media-bank/media-bank.service';
import { PressRelease } from './press-release.entity';
import { PressReleasesService } from './press-releases.service';
import { markdownToText } from './release-render';
import { slugify } from './release-status';

const posInt = (s: unknown): number | undefined => (typeof s === 'string' && /^\d{1,9}$/.test(s) && Number(s) > 0 ? Number(s) : undefined);
const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const excerpt = (md: string, n = 220) => {
  const text = markdownToText(md).replace(/\s+/g, ' ').trim();
  if (text.length <= n) return text;
  const cut = text.slice(0, n - 1);
  const space = cut.lastIndexOf(' '); // the word cut in half goes (text has single spaces)
  return (space >= 0 ? cut.slice(0, space) : cut) + '…';
};

/** The public newsroom: published releases past their embargo, and nothing else, whatever the address. */
@Controller()
@Public()
export class NewsroomController {
  constructor(
    private readonly releases: PressReleasesService,
    private readonly bank: MediaBankService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly storage: FileStorage,
  ) {}

  private publicAt(r: PressRelease): Date {
    const p = new Date(r.publishedAt!).getTime();
    const e = r.embargoUntil ? new Date(r.embargoUntil).getTime() : 0;
    return new Date(Math.max(p, e));
  }

  private async cover(r: PressRelease): Promise<{ url: string; alt: string } | null> {
    const photo = (await this.releases.publicMediaOf(r)).find((x) => x.asset.kind === 'photo' && x.asset.webKey);
    return photo ? { url: `/sala-de-prensa/${r.id}/fotos/${photo.asset.id}/web`, alt: photo.caption ?? photo.asset.caption ?? photo.asset.title } : null;
  }

  @Get('sala-de-prensa')
  async index(@Query() query: Record<string, unknown>, @Res() res: Response) {
    const dates = dateFilters(query, ['desde', 'hasta'] as const);
    const filter = {
      q: typeof query.q === 'string' && query.q.trim() ? query.q.trim().slice(0, 200) : undefined,
      departmentId: posInt(query.dependencia),
      from: dates.days.desde,
      to: dates.days.hasta,
    };
    const page = posInt(query.pagina) ?? 1;
    const { rows, total } = await this.releases.newsroom(filter, page);
    const template = await this.releases.template();
    const items = [];
    for (const r of rows) {
      items.push({ id: r.id, title: r.title, subtitle: r.subtitle, path: this.releases.newsroomPath(r), numberLabel: this.releases.numberLabel(r, template.numberPrefix), releaseDate: r.releaseDate, excerpt: excerpt(r.body), cover: await this.cover(r) });
    }
    const params = new URLSearchParams(Object.entries({ q: filter.q, dependencia: query.dependencia, desde: filter.from, hasta: filter.to }).filter(([, v]) => typeof v === 'string' && v) as [string, string][]);
    const pageUrl = (p: number) => `/sala-de-prensa?${new URLSearchParams({ ...Object.fromEntries(params), pagina: String(p) })}`;
    const feedUrl = this.releases.absolute('/sala-de-prensa/feed.xml');
    render(res, 'newsroom/index', {
      title: 'newsroom.title',
      items: plain(items),
      total,
      filter: { q: filter.q ?? '', dependencia: filter.departmentId ?? '', desde: dates.typed.desde ?? '', hasta: dates.typed.hasta ?? '' },
      errors: dates.errors,
      filtered: params.toString() !== '',
      departments: plain((await this.releases.departmentsInNewsroom()).map((d) => ({ value: d.id, labelText: d.name }))),
      prev: page > 1 ? pageUrl(page - 1) : null,
      next: page * 10 < total ? pageUrl(page + 1) : null,
      headExtra: `<link rel="alternate" type="application/rss+xml" title="Sala de prensa · RSS" href="${attr(feedUrl)}">\n  <link rel="alternate" type="application/atom+xml" title="Sala de prensa · Atom" href="${attr(this.releases.absolute('/sala-de-prensa/feed.atom'))}">`,
    });
  }

  private async feed(): Promise<Feed> {
    const template = await this.releases.template();
    const { rows } = await this.releases.newsroom({}, 1, 30);
    const site = this.releases.absolute('/sala-de-prensa');
    const feed = new Feed({
      title: `Sala de prensa · H. Ayuntamiento de ${this.config.MUNICIPALITY_NAME}`,
      description: `Comunicados de prensa del H. Ayuntamiento de ${this.config.MUNICIPALITY_NAME}`,
      id: site,
      link: site,
      language: 'es-MX',
      updated: rows.length ? this.publicAt(rows[0]) : new Date(0),
      copyright: `H. Ayuntamiento de ${this.config.MUNICIPALITY_NAME}`,
      feedLinks: { rss: this.releases.absolute('/sala-de-prensa/feed.xml'), atom: this.releases.absolute('/sala-de-prensa/feed.atom') },
      generator: 'Cabildo',
      // Atom (RFC 4287) needs an author: the office that issues the releases.
      author: { name: `Comunicación Social · H. Ayuntamiento de ${this.config.MUNICIPALITY_NAME}`, link: site },
    });
    for (const r of rows) {
      const doc = await this.releases.document(r, 'public');
      const link = this.releases.absolute(this.releases.newsroomPath(r));
      const label = this.releases.numberLabel(r, template.numberPrefix);
      feed.addItem({
        title: label ? `${label}: ${r.title}` : r.title,
        id: link,
        link,
        description: r.subtitle ?? excerpt(r.body),
        content: doc.bodyHtml,
        date: this.publicAt(r),
        image: await this.enclosure(doc.photos[0]),
      });
    }
    return feed;
  }

  /**
   * A release's first photo as an RSS enclosure: the web-size JPEG with its real type and its
   * length in bytes (the feed library would guess "image/<last path segment>" and length 0).
   */
  private async enclosure(photo: { webUrl: string | null; webKey: string | null } | undefined) {
    if (!photo?.webUrl) return undefined;
    const length = photo.webKey ? ((await this.storage.size(photo.webKey).catch(() => null)) ?? 0) : 0;
    return { url: photo.webUrl, type: 'image/jpeg', length };
  }

  @Get('sala-de-prensa/feed.xml')
  async rss(@Res() res: Response) {
    res.type('application/rss+xml; charset=utf-8').send((await this.feed()).rss2());
  }

  @Get('sala-de-prensa/feed.atom')
  async atom(@Res() res: Response) {
    res.type('application/atom+xml; charset=utf-8').send((await this.feed()).atom1());
  }

  @Get('sala-de-prensa/:id/fotos/:assetId/:variant')
  async photo(@Param('id', ParseIntPipe) id: number, @Param('assetId', ParseIntPipe) assetId: number, @Param('variant') variant: string, @Query('k') k: unknown, @Query('descargar') dl: string | undefined, @Req() req: Request, @Res() res: Response) {
    const v = variant === 'original' ? 'original' : variant === 'web' ? 'web' : variant === 'miniatura' ? 'thumb' : null;
    if (!v) throw new NotFoundException();
    const asset = await this.releases.publicAsset(id, assetId, k);
    if (asset.kind !== 'photo') throw new NotFoundException();
    // The full-resolution copy without location or camera (the untouched original is for staff, in the bank).
    const file = v === 'original' ? await this.bank.publicOriginal(asset) : this.bank.fileOf(asset, v);
    if (!file) throw new NotFoundException();
    await sendStored(req, res, this.storage, file, dl === '1' || v === 'original');
  }

  @Get('sala-de-prensa/:id/audio/:assetId')
  async audio(@Param('id', ParseIntPipe) id: number, @Param('assetId', ParseIntPipe) assetId: number, @Query('k') k: unknown, @Query('descargar') dl: string | undefined, @Req() req: Request, @Res() res: Response) {
    const asset = await this.releases.publicAsset(id, assetId, k);
    if (asset.kind !== 'audio') throw new NotFoundException();
    await sendStored(req, res, this.storage, this.bank.fileOf(asset, 'original')!, dl === '1');
  }

  @Get('sala-de-prensa/:slug')
  async show(@Param('slug') slug: string, @Res() res: Response) {
    const m = /^(\d{1,9})(?:-[a-z0-9-]*)?$/.exec(slug);
    if (!m) throw new NotFoundException();
    const r = await this.releases.visible(Number(m[1]));
    const canonical = this.releases.newsroomPath(r);
    if (slug !== canonical.split('/').pop()) return res.redirect(301, canonical);
    const doc = await this.releases.document(r, 'public');
    // On the public page, photo and audio addresses are the site's own (relative), without the email key.
    const local = (u: string | null) => (u ? new URL(u).pathname : null);
    const photos = doc.photos.map((p) => ({ ...p, webUrl: local(p.webUrl), thumbUrl: local(p.thumbUrl), originalUrl: local(p.originalUrl) + '?descargar=1' }));
    const audios = doc.audios.map((a) => ({ ...a, url: local(a.url) }));
    const url = this.releases.absolute(canonical);
    const description = r.subtitle ?? excerpt(r.body, 200);
    const image = doc.photos[0]?.webUrl ? this.releases.absolute(new URL(doc.photos[0].webUrl).pathname) : null;
    const meta = [
      ['og:type', 'article'], ['og:site_name', `H. Ayuntamiento de ${this.config.MUNICIPALITY_NAME}`], ['og:title', r.title], ['og:description', description], ['og:url', url], ['og:locale', 'es_MX'],
      ...(image ? [['og:image', image], ['og:image:alt', doc.photos[0].caption ?? doc.photos[0].title]] : []),
      ['article:published_time', this.publicAt(r).toISOString()],
    ].map(([p, c]) => `<meta property="${p}" content="${attr(c)}">`);
    const twitter = [['twitter:card', image ? 'summary_large_image' : 'summary'], ['twitter:title', r.title], ['twitter:description', description], ...(image ? [['twitter:image', image]] : [])].map(([n, c]) => `<meta name="${n}" content="${attr(c)}">`);
    render(res, 'newsroom/show', {
      title: 'newsroom.title',
      titleText: r.title,
      doc: plain({ ...doc, photos, audios, newsroomUrl: null }),
      publicAt: this.publicAt(r),
      headExtra: [...meta, ...twitter, `<link rel="canonical" href="${attr(url)}">`, `<meta name="description" content="${attr(description)}">`].join('\n  '),
    });
  }

  @Get('sitemap.xml')
  async sitemap(@Res() res: Response) {
    const urls: { loc: string; lastmod?: string }[] = ['/', '/sala-de-prensa', '/solicitudes/nueva', '/seguimiento', '/aviso-de-privacidad'].map((p) => ({ loc: this.releases.absolute(p) }));
    for (let page = 1; page <= 50; page++) {
      const { rows, total } = await this.releases.newsroom({}, page, 1000);
      for (const r of rows) urls.push({ loc: this.releases.absolute(`/sala-de-prensa/${r.id}-${slugify(r.title)}`), lastmod: this.publicAt(r).toISOString() });
      if (page * 1000 >= total) break;
    }
    const xml = ['<?xml version="1.0" encoding="UTF-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">', ...urls.map((u) => `  <url><loc>${attr(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`), '</urlset>'].join('\n');
    res.type('application/xml; charset=utf-8').send(xml);
  }
}
