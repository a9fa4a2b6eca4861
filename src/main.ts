import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { UsersService } from './auth/users.service';
import { processLogger } from './common/logging';
import { configureApp } from './app.setup';
import { ConfigError, loadConfig } from './config/config';
import { EmbeddedDatabase, EmbeddedDatabaseLockedError, startEmbeddedDatabase } from './database/embedded-database';
import { DemoService } from './demo/demo.service';

async function bootstrap() {
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
  const logger = processLogger(config).child({ context: 'Cabildo' });
  process.on('uncaughtException', (e) => {
    logger.fatal({ err: e }, `error no atrapado: ${e.message}`);
    process.exit(1);
  });
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
    logger.info(`Base de datos embebida (PGlite) en ${config.DATA_DIR}`);
  }
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.register({ url, embedded: !!embedded, poolSize: config.DATABASE_POOL_SIZE, schema: config.DATABASE_SCHEMA }),
    { bufferLogs: true },
  );
  app.useLogger(app.get(Logger));
  app.flushLogs();
  configureApp(app);
  await app.init();
  await app.get(DemoService).seedIfEmpty();
  if ((await app.get(UsersService).count()) === 0) {
    logger.warn('Aún no hay ninguna cuenta. Cree la primera cuenta de administrador con:\n  npm run admin -- create --email correo@municipio.gob.mx --name "Nombre Apellido"');
  }
  await app.listen(config.PORT, config.HOST);
  logger.info(`Cabildo escucha en ${config.PUBLIC_URL} (puerto ${config.PORT})`);
  const stop = async () => {
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

void bootstrap();
