import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Actor } from '../audit/audit-actor';
import { AuditModule } from '../audit/audit.module';
import { CommonModule } from '../common/common.module';
import { FieldError, parseForm } from '../common/forms';
import { I18N_DIR } from '../common/paths';
import { ConfigError, loadConfig } from '../config/config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { EmbeddedDatabase, EmbeddedDatabaseLockedError, startEmbeddedDatabase } from '../database/embedded-database';
import { UserFormDto } from './dto/user.dto';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

const USAGE = `Uso:
  npm run admin -- create --email correo@municipio.gob.mx --name "Nombre Apellido"
      crea una cuenta de administrador con una contraseña de un solo uso
  npm run admin -- reset --email correo@municipio.gob.mx
      da una contraseña de un solo uso a una cuenta bloqueada u olvidada (la reactiva y cierra sus sesiones)
Lee la misma configuración que Cabildo (DATABASE_URL, DATABASE_SCHEMA, DATA_DIR…).`;

const CONSOLE: Actor = { userId: null, label: 'consola (npm run admin)', ip: null };

/** A validation key (`validation.email`) in the words the forms use. */
function spanish(key: string): string {
  const [file, name] = key.split('.');
  try {
    return (JSON.parse(readFileSync(join(I18N_DIR, 'es', `${file}.json`), 'utf8')) as Record<string, string>)[name] ?? key;
  } catch {
    return key;
  }
}

class UsageError extends Error {}

/**
 * `npm run admin`: the first administrator of a new installation, or a way back in for a
 * locked-out one. Prints a one-time password that must be changed at the first sign-in.
 */
async function main() {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { email: { type: 'string' }, name: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  const command = positionals[0];
  if (values.help || !command) throw new UsageError(USAGE);
  if (command !== 'create' && command !== 'reset') throw new UsageError(`Orden desconocida: ${command}\n\n${USAGE}`);
  if (!values.email) throw new UsageError(`Falta --email\n\n${USAGE}`);
  if (command === 'create') {
    if (!values.name) throw new UsageError(`Falta --name\n\n${USAGE}`);
    const form = await parseForm(UserFormDto, { email: values.email, name: values.name, role: 'admin', active: 'on' });
    if (!form.ok) throw new UsageError(Object.entries(form.errors).map(([field, key]) => `--${field === 'name' ? 'name' : 'email'}: ${spanish(key)}`).join('\n'));
  }

  const config = loadConfig();
  let embedded: EmbeddedDatabase | undefined;
  if (!config.DATABASE_URL) embedded = await startEmbeddedDatabase({ dataDir: config.DATA_DIR });
  const database = { url: config.DATABASE_URL ?? embedded!.url, embedded: !!embedded, poolSize: 1, schema: config.DATABASE_SCHEMA };

  // What the two commands need, without the web app's controllers, guards and timers.
  @Module({ imports: [ConfigModule, DatabaseModule.forRoot(database), CommonModule, AuditModule], providers: [UsersRepository, UsersService] })
  class AdminCliModule {}

  const app = await NestFactory.createApplicationContext(AdminCliModule, { logger: ['error'] });
  try {
    const users = app.get(UsersService);
    const done =
      command === 'create'
        ? await users.createAdministrator(values.email, values.name!, CONSOLE).catch((e: unknown) => {
            if (e instanceof FieldError) throw new UsageError(e.message === 'validation.email_taken' ? `Ya existe una cuenta con el correo ${values.email}: use «npm run admin -- reset --email ${values.email}».` : spanish(e.message));
            throw e;
          })
        : await users.resetWithOneTimePassword(values.email, CONSOLE);
    if (!done) throw new UsageError(`No existe ninguna cuenta con el correo ${values.email}.`);
    console.log(
      [
        command === 'create' ? `Cuenta de administrador creada: ${done.user.name} <${done.user.email}>` : `Contraseña restablecida: ${done.user.name} <${done.user.email}> (${done.user.role}); sus sesiones abiertas se cerraron.`,
        `Contraseña de un solo uso: ${done.password}`,
        `Entre en ${config.PUBLIC_URL}/login: se le pedirá cambiarla antes de cualquier otra cosa.`,
      ].join('\n'),
    );
  } finally {
    await app.close();
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  if (e instanceof UsageError || e instanceof ConfigError || e instanceof EmbeddedDatabaseLockedError) {
    console.error(e.message);
    process.exit(64);
  }
  console.error(`No se pudo completar: ${(e as Error).message}`);
  process.exit(1);
});
