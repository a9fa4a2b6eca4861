import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox's text search on a stored tsvector instead of an expression index (benchmark,
 * bench/README.md). With the expression index every row a search had to check (the recheck of
 * a bitmap scan, the filter of a newest-first scan, a count) ran unaccent and the Spanish
 * stemmer again: counting 1 000 matches of a common word took 130 ms at 100 k cases. The vector
 * is kept by a trigger from one SQL function (case_search_vector), which bulk loads can call too.
 */
export class CaseSearchVector1795697300000 implements MigrationInterface {
  name = 'CaseSearchVector1795697300000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE OR REPLACE FUNCTION case_search_vector(description text, locality text, neighborhood text, street text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT to_tsvector('spanish'::regconfig, f_unaccent(lower(coalesce($1, '') || ' ' || coalesce($2, '') || ' ' || coalesce($3, '') || ' ' || coalesce($4, ''))))
      $$`);
    await q.query(`ALTER TABLE "cases" ADD "search_vector" tsvector`);
    await q.query(`UPDATE "cases" SET "search_vector" = case_search_vector(description, locality, neighborhood, street)`);
    await q.query(`CREATE OR REPLACE FUNCTION cases_search_vector_fill() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector := case_search_vector(NEW.description, NEW.locality, NEW.neighborhood, NEW.street);
        RETURN NEW;
      END $$`);
    await q.query(`CREATE TRIGGER "trg_cases_search_vector" BEFORE INSERT OR UPDATE OF description, locality, neighborhood, street ON "cases" FOR EACH ROW EXECUTE FUNCTION cases_search_vector_fill()`);
    await q.query(`CREATE INDEX "idx_cases_search" ON "cases" USING gin ("search_vector")`);
    await q.query(`DROP INDEX "idx_cases_fts"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "idx_cases_fts" ON "cases" USING gin (to_tsvector('spanish'::regconfig, f_unaccent(lower(coalesce("description", '') || ' ' || coalesce("locality", '') || ' ' || coalesce("neighborhood", '') || ' ' || coalesce("street", '')))))`,
    );
    await q.query(`DROP INDEX "idx_cases_search"`);
    await q.query(`DROP TRIGGER "trg_cases_search_vector" ON "cases"`);
    await q.query(`DROP FUNCTION cases_search_vector_fill()`);
    await q.query(`ALTER TABLE "cases" DROP COLUMN "search_vector"`);
    await q.query(`DROP FUNCTION case_search_vector(text, text, text, text)`);
  }
}
