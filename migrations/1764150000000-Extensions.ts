import { MigrationInterface, QueryRunner } from 'typeorm';

/** Extensions (created here, never by TypeORM) and the table where sessions live (connect-pg-simple). */
export class Extensions1764150000000 implements MigrationInterface {
  name = 'Extensions1764150000000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public`);
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await q.query(`CREATE TABLE "session" ("sid" varchar NOT NULL PRIMARY KEY, "sess" json NOT NULL, "expire" timestamp(6) NOT NULL)`);
    await q.query(`CREATE INDEX "IDX_session_expire" ON "session" ("expire")`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "session"`);
  }
}
