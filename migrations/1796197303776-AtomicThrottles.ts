import { MigrationInterface, QueryRunner } from 'typeorm';

/** Rate limits counted atomically: one row per key and window instead of one row per attempt. */
export class AtomicThrottles1796197303776 implements MigrationInterface {
  name = 'AtomicThrottles1796197303776';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "throttle_counters" ("key" character varying(200) NOT NULL, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "hits" integer NOT NULL, CONSTRAINT "PK_throttle_counters_key" PRIMARY KEY ("key"))`);
    await queryRunner.query(`DROP INDEX "idx_throttle_hits_key_at"`);
    await queryRunner.query(`DROP TABLE "throttle_hits"`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "throttle_hits" ("id" BIGSERIAL NOT NULL, "key" character varying(200) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e9318e351cd8474bb7829a0a060" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_throttle_hits_key_at" ON "throttle_hits" ("key", "at") `);
    await queryRunner.query(`DROP TABLE "throttle_counters"`);
  }
}
