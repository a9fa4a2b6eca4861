import { MigrationInterface, QueryRunner } from "typeorm";

export class Outbox1795690311168 implements MigrationInterface {
    name = 'Outbox1795690311168'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "outbox" ("id" BIGSERIAL NOT NULL, "kind" character varying(40) NOT NULL, "reference" character varying(120), "payload" jsonb NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "claimed_until" TIMESTAMP WITH TIME ZONE, "last_error" text, "result" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_outbox_reference" ON "outbox" ("reference") `);
        await queryRunner.query(`CREATE INDEX "idx_outbox_due" ON "outbox" ("status", "next_attempt_at") `);
        await queryRunner.query(`CREATE TABLE "outbox_attempts" ("id" BIGSERIAL NOT NULL, "outbox_id" bigint NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "ok" boolean NOT NULL, "detail" text, CONSTRAINT "PK_e35a1f86fb21f9c97644a01b1f1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_outbox_attempts_entry" ON "outbox_attempts" ("outbox_id") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "idx_outbox_attempts_entry"`);
        await queryRunner.query(`DROP TABLE "outbox_attempts"`);
        await queryRunner.query(`DROP INDEX "idx_outbox_due"`);
        await queryRunner.query(`DROP INDEX "idx_outbox_reference"`);
        await queryRunner.query(`DROP TABLE "outbox"`);
    }

}
