import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DatabaseTarget, dataSourceOptions } from './data-source-options';

export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

@Global()
@Module({})
export class DatabaseModule {
  /** `target` is decided before the app is built: an embedded PGlite started by main.ts, or DATABASE_URL. */
  static forRoot(target: DatabaseTarget): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRoot({
          ...dataSourceOptions(target),
          migrationsRun: true,
          migrationsTransactionMode: 'each',
          retryAttempts: 3,
          retryDelay: 1000,
        }),
      ],
      providers: [{ provide: DATABASE_TARGET, useValue: target }],
      exports: [DATABASE_TARGET],
    };
  }
}
