import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';
import { Metrics } from './metrics';
import { Readiness } from './readiness';

/** What operators watch: /health (liveness), /health/ready (readiness, @nestjs/terminus) and /metrics (prom-client). */
@Module({
  imports: [TerminusModule.forRoot({ errorLogStyle: 'json' })],
  controllers: [HealthController],
  providers: [HealthRepository, Readiness, Metrics],
  exports: [Metrics],
})
export class HealthModule {}
