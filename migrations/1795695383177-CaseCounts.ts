import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Maintained counters for the inbox's "cases per status" (benchmark, bench/README.md): at a
 * million cases, counting by status scanned the whole table on every inbox page (a sequential
 * scan of cases, 150+ ms). The counts are kept per (status, type, category, department) by a
 * trigger, so the inbox sums a few hundred rows for any combination of those filters.
 * department_id 0 stands for "none". The changes of one row are applied in key order, so two
 * transactions moving cases between the same two buckets cannot deadlock.
 */
export class CaseCounts1795695383177 implements MigrationInterface {
  name = 'CaseCounts1795695383177';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE TABLE "case_counts" ("status" varchar(20) NOT NULL, "type" varchar(20) NOT NULL, "category_id" integer NOT NULL, "department_id" integer NOT NULL, "n" integer NOT NULL, CONSTRAINT "pk_case_counts" PRIMARY KEY ("status", "type", "category_id", "department_id"))`,
    );
    await q.query(`
      CREATE OR REPLACE FUNCTION case_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        old_key text;
        new_key text;
      BEGIN
        IF TG_OP = 'UPDATE' AND OLD.status = NEW.status AND OLD.type = NEW.type AND OLD.category_id = NEW.category_id
           AND coalesce(OLD.department_id, 0) = coalesce(NEW.department_id, 0) THEN
          RETURN NULL;
        END IF;
        IF TG_OP <> 'INSERT' THEN old_key := concat_ws('|', OLD.status, OLD.type, OLD.category_id, coalesce(OLD.department_id, 0)); END IF;
        IF TG_OP <> 'DELETE' THEN new_key := concat_ws('|', NEW.status, NEW.type, NEW.category_id, coalesce(NEW.department_id, 0)); END IF;
        IF old_key IS NOT NULL AND (new_key IS NULL OR old_key < new_key) THEN
          UPDATE case_counts SET n = n - 1 WHERE status = OLD.status AND type = OLD.type AND category_id = OLD.category_id AND department_id = coalesce(OLD.department_id, 0);
          old_key := NULL;
        END IF;
        IF new_key IS NOT NULL THEN
          INSERT INTO case_counts AS k (status, type, category_id, department_id, n) VALUES (NEW.status, NEW.type, NEW.category_id, coalesce(NEW.department_id, 0), 1)
            ON CONFLICT (status, type, category_id, department_id) DO UPDATE SET n = k.n + 1;
        END IF;
        IF old_key IS NOT NULL THEN
          UPDATE case_counts SET n = n - 1 WHERE status = OLD.status AND type = OLD.type AND category_id = OLD.category_id AND department_id = coalesce(OLD.department_id, 0);
        END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE OR REPLACE FUNCTION case_counts_rebuild() RETURNS void LANGUAGE sql AS $$
      DELETE FROM case_counts;
      INSERT INTO case_counts (status, type, category_id, department_id, n)
        SELECT status, type, category_id, coalesce(department_id, 0), count(*) FROM cases GROUP BY 1, 2, 3, 4;
    $$`);
    await q.query(`CREATE OR REPLACE FUNCTION case_counts_truncate() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN DELETE FROM case_counts; RETURN NULL; END $$`);
    await q.query(`CREATE TRIGGER "trg_case_counts" AFTER INSERT OR DELETE OR UPDATE OF status, type, category_id, department_id ON "cases" FOR EACH ROW EXECUTE FUNCTION case_counts_track()`);
    await q.query(`CREATE TRIGGER "trg_case_counts_truncate" AFTER TRUNCATE ON "cases" FOR EACH STATEMENT EXECUTE FUNCTION case_counts_truncate()`);
    await q.query(`SELECT case_counts_rebuild()`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER "trg_case_counts_truncate" ON "cases"`);
    await q.query(`DROP TRIGGER "trg_case_counts" ON "cases"`);
    await q.query(`DROP FUNCTION case_counts_truncate()`);
    await q.query(`DROP FUNCTION case_counts_rebuild()`);
    await q.query(`DROP FUNCTION case_counts_track()`);
    await q.query(`DROP TABLE "case_counts"`);
  }
}
