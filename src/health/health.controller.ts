import { Controller, Get, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService } from '@nestjs/terminus';
import type { Response } from 'express';
import { Public } from '../common/access.decorators';
import { Readiness } from './readiness';

@ApiTags('operación')
@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly readiness: Readiness,
  ) {}

  /** Liveness: the process answers. Nothing else is asked, so a slow database never gets a live process restarted. */
  @Get()
  @ApiOkResponse({ description: 'El proceso responde.' })
  live() {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /** Readiness: 200 when this instance can serve and its background work is keeping up, 503 naming what is wrong. */
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: 'Base de datos, migraciones, outbox y buzón en orden.' })
  @ApiServiceUnavailableResponse({ description: 'Algo falla: el cuerpo dice qué (`error`).' })
  async ready(@Res({ passthrough: true }) res: Response) {
    try {
      return await this.health.check([() => this.readiness.database(), () => this.readiness.migrations(), () => this.readiness.outbox(), () => this.readiness.mailbox()]);
    } catch (e) {
      // terminus's 503 carries the report: send it as it is, not as the generic error body.
      if (!(e instanceof ServiceUnavailableException)) throw e;
      res.status(503);
      return e.getResponse();
    }
  }
}
