import { MigrationInterface, QueryRunner } from 'typeorm';

const OPEN = `status IN ('received', 'in_review', 'routed', 'in_progress', 'reopened')`;

/**
 * Partial indexes of open cases for "similar cases" at triage (benchmark, bench/README.md):
 * the most recent open cases of a category, and of a category in a locality, in id order.
 * CasesRepository.similar looks for similar words among those instead of running a trigram
 * search over every description (0.9 s at 100 k cases).
 */
export class CaseSimilarIndexes1795697400000 implements MigrationInterface {
  name = 'CaseSimilarIndexes1795697400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX "idx_cases_open_category" ON "cases" ("category_id", "id") WHERE ${OPEN}`);
    await q.query(`CREATE INDEX "idx_cases_open_category_locality" ON "cases" ("category_id", "locality", "id") WHERE ${OPEN}`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "idx_cases_open_category_locality"`);
    await q.query(`DROP INDEX "idx_cases_open_category"`);
  }
}
