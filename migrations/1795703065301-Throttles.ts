import { MigrationInterface, QueryRunner } from "typeorm";

export class Throttles1795703065301 implements MigrationInterface {
    name = 'Throttles1795703065301'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "used_tokens" ("id" character varying(200) NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_458fa7adde3ad63bc0ab2878609" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_used_tokens_expires" ON "used_tokens" ("expires_at") `);
        await queryRunner.query(`CREATE TABLE "throttle_hits" ("id" BIGSERIAL NOT NULL, "key" character varying(200) NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_e9318e351cd8474bb7829a0a060" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_throttle_hits_key_at" ON "throttle_hits" ("key", "at") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_throttle_hits_key_at"`);
        await queryRunner.query(`DROP TABLE "throttle_hits"`);
        await queryRunner.query(`DROP INDEX "idx_used_tokens_expires"`);
        await queryRunner.query(`DROP TABLE "used_tokens"`);
    }

}
