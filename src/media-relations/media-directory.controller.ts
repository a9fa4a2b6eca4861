/// <reference types="multer" />
import { Body, Controller, Get, Param, ParseIntPipe, Post, Query, Req, Res, UploadedFile } from '@nestjs/common';
import { MultipartForm } from '../common/csrf';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { actorFrom } from '../audit/audit-actor';
import { Roles } from '../common/access.decorators';
import { flash } from '../common/flash';
import { decodeCsv } from './contact-import';
import { parseForm } from '../common/forms';
import { orFieldError, plain, render, renderInvalid } from '../common/render';
import { ContactFormDto, ListFormDto, OutletFormDto } from './dto/media.dto';
import { CONTACT_CHANNELS, OUTLET_TYPES, REACH_KINDS } from './media-kinds';
import { MediaDirectoryService } from './media-directory.service';

const MAX_CSV_BYTES = 2 * 1024 * 1024;
const id = (v: unknown) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : undefined);

/** /medios: the press office's directory of outlets, contacts and distribution lists. */
@Controller('medios')
@Roles('press')
export class MediaDirectoryController {
  constructor(private readonly media: MediaDirectoryService) {}

  private outletModel(extra: Record<string, unknown>) {
    return {
      typeOptions: OUTLET_TYPES.map((v) => ({ value: v, label: `media.outlet_type.${v}` })),
      reachKindOptions: REACH_KINDS.map((v) => ({ value: v, label: `media.reach_kind.${v}` })),
      ...extra,
    };
  }

  @Get()
  async outlets(@Res() res: Response) {
    const outlets = (await this.media.outlets()).map((o) => ({ ...o, typeLabel: `media.outlet_type.${o.type}`, reachKindLabel: o.reachKind ? `media.reach_kind.${o.reachKind}` : null }));
    render(res, 'media-relations/outlets', { title: 'media.outlets.title', tab: 'outlets', outlets: plain(outlets) });
  }

  @Get('nuevo')
  newOutlet(@Res() res: Response) {
    render(res, 'media-relations/outlet-form', this.outletModel({ title: 'media.outlets.new', tab: 'outlets', isNew: true, values: { active: true, type: 'radio' }, errors: {} }));
  }

  @Post()
  async createOutlet(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.saveOutlet(null, body, req, res);
  }

  @Get('medio/:id')
  async editOutlet(@Param('id', ParseIntPipe) outletId: number, @Res() res: Response) {
    const o = await this.media.outlet(outletId);
    const contacts = await this.media.contacts({ outletId });
    render(res, 'media-relations/outlet-form', this.outletModel({ title: 'media.outlets.edit', tab: 'outlets', id: outletId, values: plain(o), contacts: plain(contacts), errors: {} }));
  }

  @Post('medio/:id')
  async updateOutlet(@Param('id', ParseIntPipe) outletId: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.saveOutlet(outletId, body, req, res);
  }

  private async saveOutlet(outletId: number | null, body: unknown, req: Request, res: Response) {
    const model = this.outletModel({ title: outletId ? 'media.outlets.edit' : 'media.outlets.new', tab: 'outlets', id: outletId, isNew: !outletId });
    const form = await parseForm(OutletFormDto, body);
    if (!form.ok) return renderInvalid(res, 'media-relations/outlet-form', model, form.values, form.errors);
    const result = await orFieldError(() => this.media.saveOutlet(outletId, form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'media-relations/outlet-form', model, form.values, result.errors);
    flash(req, 'success', 'media.flash.outlet_saved');
    res.redirect(303, '/medios');
  }

  // Contacts
  private async contactModel(extra: Record<string, unknown>) {
    return {
      tab: 'contacts',
      outletOptions: (await this.media.outletOptions()).map((o) => ({ value: o.id, labelText: o.name })),
      channelOptions: CONTACT_CHANNELS.map((v) => ({ value: v, label: `media.channel.${v}` })),
      lists: plain(await this.media.lists()),
      ...extra,
    };
  }

  @Get('contactos')
  async contacts(@Query('q') q: string | undefined, @Query('medio') medio: string | undefined, @Query('lista') lista: string | undefined, @Res() res: Response) {
    const filter = { q: typeof q === 'string' ? q.trim().slice(0, 100) : undefined, outletId: id(medio), listId: id(lista) };
    const contacts = (await this.media.contacts(filter)).map((c) => ({ ...c, channelLabel: `media.channel.${c.preferredChannel}` }));
    render(res, 'media-relations/contacts', {
      ...(await this.contactModel({})),
      title: 'media.contacts.title',
      contacts: plain(contacts),
      filter: { q: filter.q ?? '', outletId: filter.outletId ?? '', listId: filter.listId ?? '' },
    });
  }

  @Get('contactos/nuevo')
  async newContact(@Res() res: Response) {
    render(res, 'media-relations/contact-form', await this.contactModel({ title: 'media.contacts.new', isNew: true, values: { preferredChannel: 'email', listIds: [] }, errors: {} }));
  }

  @Post('contactos')
  async createContact(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.saveContact(null, body, req, res);
  }

  @Get('contactos/importar')
  async importForm(@Res() res: Response) {
    render(res, 'media-relations/import', { title: 'media.import.title', tab: 'contacts', lists: plain(await this.media.lists()), values: {}, errors: {} });
  }

  @Post('contactos/importar')
  @MultipartForm(FileInterceptor('file', { limits: { fileSize: MAX_CSV_BYTES, files: 1 } }))
  async importPreview(@UploadedFile() file: Express.Multer.File | undefined, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const lists = plain(await this.media.lists());
    const model = { title: 'media.import.title', tab: 'contacts', lists };
    const listId = id(body?.listId);
    if (!file || !file.size) return renderInvalid(res, 'media-relations/import', model, { listId }, { file: 'media.import.error.no_file' });
    const text = decodeCsv(file.buffer);
    const result = await orFieldError(() => this.media.previewImport(text));
    if (!result.ok) return renderInvalid(res, 'media-relations/import', model, { listId }, result.errors);
    const listName = lists.find((l) => l.id === listId)?.name ?? null;
    render(res, 'media-relations/import-preview', { ...model, preview: plain(result.value), content: Buffer.from(text, 'utf8').toString('base64'), listId, listName });
  }

  @Post('contactos/importar/confirmar')
  async importConfirm(@Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response) {
    const content = typeof body?.content === 'string' && body.content.length < MAX_CSV_BYTES * 1.5 ? Buffer.from(body.content, 'base64').toString('utf8') : '';
    const result = await orFieldError(() => this.media.confirmImport(content, { skipInvalid: body?.skipInvalid === '1', listId: id(body?.listId) }, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'media-relations/import', { title: 'media.import.title', tab: 'contacts', lists: plain(await this.media.lists()) }, {}, result.errors);
    flash(req, 'success', 'media.flash.imported');
    res.redirect(303, '/medios/contactos');
  }

  @Get('contactos/:id')
  async editContact(@Param('id', ParseIntPipe) contactId: number, @Res() res: Response) {
    const c = await this.media.contact(contactId);
    render(res, 'media-relations/contact-form', await this.contactModel({ title: 'media.contacts.edit', id: contactId, values: plain(c), errors: {} }));
  }

  @Post('contactos/:id')
  async updateContact(@Param('id', ParseIntPipe) contactId: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.saveContact(contactId, body, req, res);
  }

  private async saveContact(contactId: number | null, body: unknown, req: Request, res: Response) {
    const model = await this.contactModel({ title: contactId ? 'media.contacts.edit' : 'media.contacts.new', id: contactId, isNew: !contactId });
    const form = await parseForm(ContactFormDto, body);
    const values = { ...form.values, listIds: ([] as unknown[]).concat(form.values.listIds ?? []).map(String) };
    if (!form.ok) return renderInvalid(res, 'media-relations/contact-form', model, values, form.errors);
    const result = await orFieldError(() => this.media.saveContact(contactId, form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'media-relations/contact-form', model, values, result.errors);
    flash(req, 'success', 'media.flash.contact_saved');
    res.redirect(303, '/medios/contactos');
  }

  // Lists
  @Get('listas')
  async lists(@Res() res: Response) {
    render(res, 'media-relations/lists', { title: 'media.lists.title', tab: 'lists', lists: plain(await this.media.lists()) });
  }

  private async listModel(extra: Record<string, unknown>) {
    return { tab: 'lists', contacts: plain(await this.media.contacts({})), ...extra };
  }

  @Get('listas/nueva')
  async newList(@Res() res: Response) {
    render(res, 'media-relations/list-form', await this.listModel({ title: 'media.lists.new', isNew: true, values: { contactIds: [] }, errors: {} }));
  }

  @Post('listas')
  async createList(@Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.saveList(null, body, req, res);
  }

  @Get('listas/:id')
  async editList(@Param('id', ParseIntPipe) listId: number, @Res() res: Response) {
    const l = await this.media.list(listId);
    render(res, 'media-relations/list-form', await this.listModel({ title: 'media.lists.edit', id: listId, values: { ...plain(l), contactIds: l.memberIds.map(String) }, errors: {} }));
  }

  @Post('listas/:id')
  async updateList(@Param('id', ParseIntPipe) listId: number, @Body() body: unknown, @Req() req: Request, @Res() res: Response) {
    return this.saveList(listId, body, req, res);
  }

  private async saveList(listId: number | null, body: unknown, req: Request, res: Response) {
    const model = await this.listModel({ title: listId ? 'media.lists.edit' : 'media.lists.new', id: listId, isNew: !listId });
    const form = await parseForm(ListFormDto, body);
    const values = { ...form.values, contactIds: ([] as unknown[]).concat(form.values.contactIds ?? []).map(String) };
    if (!form.ok) return renderInvalid(res, 'media-relations/list-form', model, values, form.errors);
    const result = await orFieldError(() => this.media.saveList(listId, form.value, actorFrom(req)));
    if (!result.ok) return renderInvalid(res, 'media-relations/list-form', model, values, result.errors);
    flash(req, 'success', 'media.flash.list_saved');
    res.redirect(303, '/medios/listas');
  }
}
