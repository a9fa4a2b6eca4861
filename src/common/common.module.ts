import { Global, Module } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Clock } from './clock';
import { createCsrf, CSRF, CsrfGuard } from './csrf';
import { OutboundHttp } from './outbound-http';
import { PersonalDataErasers } from './personal-data-erasers';
import { PublicationGate } from './publication-gate';
import { ThrottleRepository } from './throttle.repository';

export { CSRF };

@Global()
@Module({
  providers: [
    Clock,
    OutboundHttp,
    PublicationGate,
    PersonalDataErasers,
    ThrottleRepository,
    { provide: CSRF, inject: [APP_CONFIG], useFactory: (c: AppConfig) => createCsrf(c.sessionSecret, c.COOKIE_SECURE) },
    { provide: CsrfGuard, inject: [CSRF, Reflector], useFactory: (csrf, reflector: Reflector) => new CsrfGuard(csrf, reflector) },
  ],
  exports: [Clock, CSRF, CsrfGuard, OutboundHttp, PublicationGate, PersonalDataErasers, ThrottleRepository],
})
export class CommonModule {}
