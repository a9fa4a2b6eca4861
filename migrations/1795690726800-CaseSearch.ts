import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes TypeORM cannot express, for the case inbox at a million rows:
 * - Spanish full-text search that ignores accents and case (expression GIN index; the
 *   same expression is written in cases.repository.ts, CASE_SEARCH_DOCUMENT),
 * - trigram similarity of descriptions (similar open cases at triage),
 * - a partial index on the point, for "within 150 m" (bounding box first).
 */
export class CaseSearch1795690726800 implements MigrationInterface {
  name = 'CaseSearch1795690726800';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE OR REPLACE FUNCTION f_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$`,
    );
    await q.query(
      `CREATE INDEX "idx_cases_fts" ON "cases" USING gin (to_tsvector('spanish'::regconfig, f_unaccent(lower(coalesce("description", '') || ' ' || coalesce("locality", '') || ' ' || coalesce("neighborhood", '') || ' ' || coalesce("street", '')))))`,
    );
    await q.query(`CREATE INDEX "idx_cases_trgm" ON "cases" USING gin (f_unaccent(lower("description")) gin_trgm_ops)`);
    await q.query(`CREATE INDEX "idx_cases_point" ON "cases" ("latitude", "longitude") WHERE "latitude" IS NOT NULL`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_cases_point"`);
    await q.query(`DROP INDEX "idx_cases_trgm"`);
    await q.query(`DROP INDEX "idx_cases_fts"`);
    // f_unaccent stays: other modules' indexes may use it.
  }
}
