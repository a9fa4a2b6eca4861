import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DatabaseTarget, dataSourceOptions } from './data-source-options';
import { migrate } from './startup-lock';

export const DATABASE_TARGET = Symbol('DATABASE_TARGET');

@Global()
@Module({})
export class DatabaseModule {
  /** `target` is decided before the app is built: an embedded PGlite started by main.ts, or DATABASE_URL. */
  static forRoot(target: DatabaseTarget): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          useFactory: () => ({ ...dataSourceOptions(target), retryAttempts: 3, retryDelay: 1000 }),
          // Migrations run before anything else uses the database, under the start-up lock
          // shared by every instance (several may start at once on an empty database).
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize();
            try {
              await migrate(dataSource);
            } catch (e) {
              await dataSource.destroy();
              throw e;
            }
            return dataSource;
          },
        }),
      ],
      providers: [{ provide: DATABASE_TARGET, useValue: target }],
      exports: [DATABASE_TARGET],
    };
  }
}
