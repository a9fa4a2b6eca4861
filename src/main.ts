import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { UsersService } from './auth/users.service';
import { configureApp } from './app.setup';
import { ConfigError, loadConfig } from './config/config';
import { EmbeddedDatabase, EmbeddedDatabaseLockedError, startEmbeddedDatabase } from './database/embedded-database';
import { DemoService } from './demo/demo.service';

async function bootstrap() {
  const logger = new Logger('Cabildo');
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(78);
    }
    throw e;
  }
  let embedded: EmbeddedDatabase | undefined;
  let url = config.DATABASE_URL;
  if (!url) {
    try {
      embedded = await startEmbeddedDatabase({ dataDir: config.DATA_DIR, port: config.EMBEDDED_DB_PORT });
    } catch (e) {
      if (e instanceof EmbeddedDatabaseLockedError) {
        console.error(e.message);
        process.exit(75);
      }
      throw e;
    }
    url = embedded.url;
    logger.log(`Base de datos embebida (PGlite) en ${config.DATA_DIR}`);
  }
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ url, embedded: !!embedded, poolSize: config.DATABASE_POOL_SIZE, schema: config.DATABASE_SCHEMA }),
    { logger: ['error', 'warn', 'log', 'debug', 'verbose'].slice(0, ['error', 'warn', 'log', 'debug', 'verbose'].indexOf(config.LOG_LEVEL) + 1) as never },
  );
  configureApp(app);
  await app.init();
  await app.get(DemoService).seedIfEmpty();
  if ((await app.get(UsersService).count()) === 0) {
    logger.warn('Aún no hay ninguna cuenta. Cree la primera cuenta de administrador con:\n  npm run admin -- create --email correo@municipio.gob.mx --name "Nombre Apellido"');
  }
  await app.listen(config.PORT, config.HOST);
  logger.log(`Cabildo escucha en ${config.PUBLIC_URL} (puerto ${config.PORT})`);
  const stop = async () => {
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void bootstrap();
