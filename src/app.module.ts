import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import { loggerParams } from './common/logging';
import { APP_CONFIG, AppConfig } from './config/config';
import { ThrottleRepository } from './common/throttle.repository';
import { CookieResolver, I18nModule, QueryResolver } from 'nestjs-i18n';
import { AgendaModule } from './agenda/agenda.module';
import { AgreementsModule } from './agreements/agreements.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CasesModule } from './cases/cases.module';
import { RolesGuard } from './auth/guards';
import { CommonModule } from './common/common.module';
import { CsrfGuard } from './common/csrf';
import { AllExceptionsFilter } from './common/http-exception.filter';
import { StripNulInterceptor } from './common/strip-nul.interceptor';
import { I18N_DIR } from './common/paths';
import { ConfigModule } from './config/config.module';
import { StorageModule } from './storage/storage.module';
import { DatabaseTarget } from './database/data-source-options';
import { DatabaseModule } from './database/database.module';
import { DemoModule } from './demo/demo.module';
import { DepartmentsModule } from './departments/departments.module';
import { HealthModule } from './health/health.module';
import { HomeModule } from './home/home.module';
import { JobsModule } from './jobs/jobs.module';
import { MediaBankModule } from './media-bank/media-bank.module';
import { MailboxModule } from './mailbox/mailbox.module';
import { MediaRelationsModule } from './media-relations/media-relations.module';
import { PressReleasesModule } from './press-releases/press-releases.module';
import { SocialModule } from './social/social.module';
import { MonitoringModule } from './monitoring/monitoring.module';
import { NotificationsModule } from './notifications/notifications.module';
import { Open311Module } from './open311/open311.module';

@Module({})
export class AppModule {
  static register(database: DatabaseTarget): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule,
        // JSON logs with the request id on every line, and an access log (src/common/logging.ts).
        LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (config: AppConfig) => loggerParams(config) }),
        DatabaseModule.forRoot(database),
        StorageModule,
        I18nModule.forRoot({
          fallbackLanguage: 'es',
          loaderOptions: { path: I18N_DIR, watch: false },
          resolvers: [new QueryResolver(['lang']), new CookieResolver(['lang'])],
        }),
        JobsModule,
        CommonModule,
        // The login form's limit, counted in PostgreSQL (ThrottleRepository): the same for every instance.
        ThrottlerModule.forRootAsync({ inject: [ThrottleRepository], useFactory: (storage: ThrottleRepository) => ({ throttlers: [{ ttl: 60_000, limit: 600 }], storage }) }),
        AuditModule,
        NotificationsModule,
        AuthModule,
        DepartmentsModule,
        CasesModule,
        Open311Module,
        AgendaModule,
        MediaRelationsModule,
        MediaBankModule,
        PressReleasesModule,
        SocialModule,
        MonitoringModule,
        AgreementsModule,
        MailboxModule,
        HomeModule,
        HealthModule,
        DemoModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        // Order matters: a forged form is refused before anything else looks at it.
        { provide: APP_GUARD, useExisting: CsrfGuard },
        { provide: APP_GUARD, useClass: RolesGuard },
        { provide: APP_INTERCEPTOR, useClass: StripNulInterceptor },
      ],
    };
  }
}
