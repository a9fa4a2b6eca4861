import { Body, Controller, Get, Param, ParseIntPipe, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { parseForm } from '../common/forms';
import { plain, render, renderInvalid } from '../common/render';
import { ApiKeysService } from './api-keys.service';
import { ApiKeyFormDto } from './dto/api-key.dto';

type KeySession = { newApiKey?: { id: number; plain: string } };

/** Administrators issue Open311 keys to named clients, see each once, revoke them and read their use. */
@ApiExcludeController()
@Controller('admin/api')
@Roles('admin')
export class ApiKeysAdminController {
  constructor(private readonly keys: ApiKeysService) {}

  @Get()
  async list(@Res() res: Response) {
    render(res, 'open311/keys', { title: 'open311.keys.title', keys: plain(await this.keys.list()), values: { rateLimitPerMinute: 60 }, errors: {} });
  }

  @Post()
  async create(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    const form = await parseForm(ApiKeyFormDto, body);
    if (!form.ok) return renderInvalid(res, 'open311/keys', { title: 'open311.keys.title', keys: plain(await this.keys.list()) }, form.values, form.errors);
    const { key, plain: value } = await this.keys.create(form.value, actorFrom(req));
    // Shown once, on the next page, then gone: only its hash is stored.
    (req.session as unknown as KeySession).newApiKey = { id: key.id, plain: value };
    flash(req, 'success', 'open311.keys.flash.created');
    res.redirect(303, `/admin/api/${key.id}`);
  }

  @Get(':id')
  async show(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    const key = await this.keys.get(id);
    const s = req.session as unknown as KeySession;
    const once = s.newApiKey?.id === id ? s.newApiKey.plain : null;
    if (s.newApiKey) delete s.newApiKey;
    res.set('Cache-Control', 'no-store');
    render(res, 'open311/key', { title: 'open311.keys.one_title', key: plain({ ...key, keyHash: undefined }), once, uses: plain(await this.keys.uses(id)) });
  }

  @Post(':id/permisos')
  async permissions(@Param('id', ParseIntPipe) id: number, @Body() body: { mayUpdateAny?: string }, @Req() req: Request, @Res() res: Response) {
    await this.keys.setMayUpdateAny(id, body?.mayUpdateAny === 'on' || body?.mayUpdateAny === 'true', actorFrom(req));
    flash(req, 'success', 'open311.keys.flash.permissions');
    res.redirect(303, `/admin/api/${id}`);
  }

  @Post(':id/revocar')
  async revoke(@Param('id', ParseIntPipe) id: number, @Req() req: Request, @Res() res: Response) {
    await this.keys.revoke(id, actorFrom(req));
    flash(req, 'success', 'open311.keys.flash.revoked');
    res.redirect(303, `/admin/api/${id}`);
  }
}
