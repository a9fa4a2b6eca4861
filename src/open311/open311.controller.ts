import { Body, Controller, Get, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public, SkipCsrf } from '../common/access.decorators';
import { ApiKeysService } from './api-keys.service';
import { Open311ExceptionFilter, sendOpen311 } from './open311-exception.filter';
import { Format, Open311Error, param } from './open311-format';
import { Open311Service } from './open311.service';

type Params = Record<string, unknown>;

const FORMAT = ApiParam({ name: 'format', enum: ['xml', 'json'], description: 'Formato de la respuesta (extensión de la dirección).' });
const JURISDICTION = ApiQuery({ name: 'jurisdiction_id', required: false, description: 'Opcional: el servidor tiene una sola jurisdicción (el dominio de Cabildo).' });
const BAD_REQUEST = ApiResponse({ status: 400, description: 'Parámetros inválidos: lista de errores {code, description}.' });
const NOT_FOUND = ApiResponse({ status: 404, description: 'Servicio, solicitud, token o jurisdicción desconocidos.' });

function formatOf(value: string): Format {
  if (value !== 'xml' && value !== 'json') throw Open311Error.of(404, 'Unknown format: use .xml or .json');
  return value;
}

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) and mySociety's updates.
 * Not an HTML form: no CSRF token; the api_key authenticates what writes. Errors are the
 * specification's bodies (Open311ExceptionFilter), never the HTML pages.
 */
@ApiTags('Open311 GeoReport v2')
@ApiProduces('application/json', 'text/xml')
@Controller('open311/v2')
@Public()
@SkipCsrf()
@UseFilters(Open311ExceptionFilter)
export class Open311Controller {
  constructor(
    private readonly open311: Open311Service,
    private readonly keys: ApiKeysService,
  ) {}

  /** Check a key when one is given (required for writing); log the use and its answer's status. */
  private async key(req: Request, res: Response, required: boolean) {
    const plain = param((req.body as Params | undefined)?.api_key) ?? param(req.query.api_key);
    if (!plain && !required) return null;
    const { key, useId } = await this.keys.authenticate(plain, { method: req.method, path: req.path, ip: req.ip ?? null });
    res.on('finish', () => void this.keys.finishUse(useId, res.statusCode).catch(() => undefined));
    return key;
  }

  @Get('discovery.:format')
  @ApiOperation({ summary: 'Descubrimiento: especificación, dirección y formatos del servicio.' })
  @FORMAT
  discovery(@Param('format') format: string, @Res() res: Response) {
    sendOpen311(res, formatOf(format), 'discovery', this.open311.discovery());
  }

  @Get('services.:format')
  @ApiOperation({ summary: 'Servicios: las categorías activas (group = dependencia; metadata = tiene preguntas).' })
  @FORMAT @JURISDICTION
  async services(@Param('format') format: string, @Query() q: Params, @Req() req: Request, @Res() res: Response) {
    const f = formatOf(format);
    await this.key(req, res, false);
    this.open311.checkJurisdiction(q);
    sendOpen311(res, f, 'services', await this.open311.services());
  }

  @Get('services/:code.:format')
  @ApiOperation({ summary: 'Definición de un servicio: sus atributos (preguntas de la categoría).' })
  @ApiParam({ name: 'code', description: 'service_code' }) @FORMAT @JURISDICTION
  @NOT_FOUND
  async definition(@Param('code') code: string, @Param('format') format: string, @Query() q: Params, @Req() req: Request, @Res() res: Response) {
    const f = formatOf(format);
    await this.key(req, res, false);
    this.open311.checkJurisdiction(q);
    sendOpen311(res, f, 'service_definition', await this.open311.definition(code));
  }

  @Post('requests.:format')
  @ApiOperation({ summary: 'Crear una solicitud (form-urlencoded). Responde el folio (service_request_id), un token y el aviso del plazo.' })
  @ApiSecurity('api_key')
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['api_key', 'service_code'],
      properties: {
        api_key: { type: 'string' }, jurisdiction_id: { type: 'string' }, service_code: { type: 'string' },
        lat: { type: 'number' }, long: { type: 'number' }, address_string: { type: 'string' }, address_id: { type: 'string' },
        'attribute[code]': { type: 'string', description: 'Respuesta a un atributo; para opción múltiple, attribute[code][] repetido.' },
        email: { type: 'string' }, device_id: { type: 'string' }, account_id: { type: 'string' }, first_name: { type: 'string' }, last_name: { type: 'string' },
        phone: { type: 'string' }, description: { type: 'string' }, media_url: { type: 'string' },
      },
    },
  })
  @FORMAT
  @ApiResponse({ status: 200, description: '[{service_request_id, token, service_notice, account_id}]' })
  @ApiResponse({ status: 403, description: 'api_key ausente o inválida.' })
  @ApiResponse({ status: 429, description: 'Límite de llamadas por minuto de la api_key.' })
  @BAD_REQUEST @NOT_FOUND
  async create(@Param('format') format: string, @Body() body: Params, @Req() req: Request, @Res() res: Response) {
    const f = formatOf(format);
    const key = (await this.key(req, res, true))!;
    sendOpen311(res, f, 'service_requests', await this.open311.createRequest(body ?? {}, key, req.ip ?? null));
  }

  @Get('requests.:format')
  @ApiOperation({ summary: 'Solicitudes: por folios (service_request_id, lista con comas, anula lo demás), service_code, start_date/end_date (90 días a lo más), status; 1,000 a lo más.' })
  @FORMAT @JURISDICTION
  @ApiQuery({ name: 'service_request_id', required: false }) @ApiQuery({ name: 'service_code', required: false })
  @ApiQuery({ name: 'start_date', required: false }) @ApiQuery({ name: 'end_date', required: false })
  @ApiQuery({ name: 'status', required: false, description: 'open, closed' })
  @ApiQuery({ name: 'page', required: false }) @ApiQuery({ name: 'page_size', required: false })
  @ApiQuery({ name: 'extensions', required: false, description: 'true: agrega el historial público (extended_attributes)' })
  @BAD_REQUEST
  async requests(@Param('format') format: string, @Query() q: Params, @Req() req: Request, @Res() res: Response) {
    const f = formatOf(format);
    const key = await this.key(req, res, false);
    sendOpen311(res, f, 'service_requests', await this.open311.requests(q, key));
  }

  @Get('requests/:id.:format')
  @ApiOperation({ summary: 'Una solicitud por folio (en una lista de uno).' })
  @ApiParam({ name: 'id', description: 'service_request_id (folio)' }) @FORMAT @JURISDICTION
  @NOT_FOUND
  async request(@Param('id') id: string, @Param('format') format: string, @Query() q: Params, @Req() req: Request, @Res() res: Response) {
    const f = formatOf(format);
    const key = await this.key(req, res, false);
    sendOpen311(res, f, 'service_requests', await this.open311.request(id, q, key));
  }

  @Get('tokens/:token.:format')
  @ApiOperation({ summary: 'El folio de una solicitud a partir del token que dio su creación.' })
  @ApiParam({ name: 'token' }) @FORMAT @JURISDICTION
  @NOT_FOUND
  async token(@Param('token') token: string, @Param('format') format: string, @Query() q: Params, @Req() req: Request, @Res() res: Response) {
    const f = formatOf(format);
    await this.key(req, res, false);
    sendOpen311(res, f, 'service_requests', await this.open311.token(token, q));
  }

  @Get('servicerequestupdates.:format')
  @ApiOperation({ summary: 'Extensión de mySociety: actualizaciones públicas (cambios de estado y respuestas) con estados extendidos.' })
  @FORMAT @JURISDICTION
  @ApiQuery({ name: 'start_date', required: false }) @ApiQuery({ name: 'end_date', required: false })
  @ApiQuery({ name: 'service_request_id', required: false }) @ApiQuery({ name: 'page', required: false }) @ApiQuery({ name: 'page_size', required: false })
  @BAD_REQUEST
  async updates(@Param('format') format: string, @Query() q: Params, @Req() req: Request, @Res() res: Response) {
    const f = formatOf(format);
    const key = await this.key(req, res, false);
    sendOpen311(res, f, 'service_request_updates', await this.open311.updates(q, key));
  }

  @Post('servicerequestupdates.:format')
  @ApiOperation({ summary: 'Extensión de mySociety: agregar una actualización (comentario de la persona; REOPEN reabre una solicitud resuelta).' })
  @ApiSecurity('api_key')
  @ApiConsumes('application/x-www-form-urlencoded')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['api_key', 'service_request_id', 'description'],
      properties: {
        api_key: { type: 'string' }, jurisdiction_id: { type: 'string' }, service_request_id: { type: 'string' }, update_id: { type: 'string' },
        status: { type: 'string', description: 'OPEN, CLOSED, FIXED, IN_PROGRESS, ACTION_SCHEDULED, INVESTIGATING, DUPLICATE, NOT_COUNCILS_RESPONSIBILITY, NO_FURTHER_ACTION, INTERNAL_REFERRAL, REOPEN' },
        updated_datetime: { type: 'string' }, description: { type: 'string' }, media_url: { type: 'string' },
      },
    },
  })
  @FORMAT
  @ApiResponse({ status: 403, description: 'api_key ausente o inválida.' })
  @BAD_REQUEST @NOT_FOUND
  async postUpdate(@Param('format') format: string, @Body() body: Params, @Req() req: Request, @Res() res: Response) {
    const f = formatOf(format);
    const key = (await this.key(req, res, true))!;
    sendOpen311(res, f, 'service_request_updates', await this.open311.postUpdate(body ?? {}, key, req.ip ?? null));
  }
}
