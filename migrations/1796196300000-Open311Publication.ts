import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What Open311 publishes (audit H2, M3). A category is published only when an administrator
 * says so, never a sensitive one; a case keeps its public text (approved by staff, redacted
 * when saved), its street without the house number and its point rounded to about 100 m,
 * computed once when saved. A key writes only into its own requests unless it may update any.
 */
export class Open311Publication1796196300000 implements MigrationInterface {
  name = 'Open311Publication1796196300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "categories" ADD "sensitive" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "categories" ADD "published" boolean NOT NULL DEFAULT false`);
    await q.query(`UPDATE "categories" SET "sensitive" = true WHERE lower("name") IN ('seguridad pública', 'seguridad publica', 'apoyo y asistencia social', 'programas sociales')`);
    await q.query(`ALTER TABLE "categories" ADD CONSTRAINT "chk_categories_sensitive_unpublished" CHECK (NOT ("published" AND "sensitive"))`);
    await q.query(`ALTER TABLE "cases" ADD "public_text" text`);
    await q.query(`ALTER TABLE "cases" ADD "public_street" character varying(200)`);
    await q.query(`ALTER TABLE "cases" ADD "public_latitude" double precision`);
    await q.query(`ALTER TABLE "cases" ADD "public_longitude" double precision`);
    // Cases filed before: the point rounded, the street without a number that ends a part of it.
    await q.query(
      `UPDATE "cases" SET "public_latitude" = round("latitude"::numeric, 3)::double precision, "public_longitude" = round("longitude"::numeric, 3)::double precision,
              "public_street" = NULLIF(btrim(regexp_replace(regexp_replace(regexp_replace("street",
                 '(#|\\m(no|núm|num|número|numero|int|interior|ext|exterior|lote|lt|mz|manzana)\\M\\.?) ?[0-9][[:alnum:]-]{0,9}', '', 'gi'),
                 ' [0-9]{1,6}[[:alpha:]]?( *(,|$))', '\\1', 'g'), ' +,', ',', 'g'), ' ,'), '')
        WHERE "street" IS NOT NULL OR "latitude" IS NOT NULL`,
    );
    await q.query(`ALTER TABLE "api_keys" ADD "may_update_any" boolean NOT NULL DEFAULT false`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "api_keys" DROP COLUMN "may_update_any"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "public_longitude"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "public_latitude"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "public_street"`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "public_text"`);
    await q.query(`ALTER TABLE "categories" DROP CONSTRAINT "chk_categories_sensitive_unpublished"`);
    await q.query(`ALTER TABLE "categories" DROP COLUMN "published"`);
    await q.query(`ALTER TABLE "categories" DROP COLUMN "sensitive"`);
  }
}
