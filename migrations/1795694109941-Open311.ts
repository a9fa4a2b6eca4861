import { MigrationInterface, QueryRunner } from "typeorm";

export class Open3111795694109941 implements MigrationInterface {
    name = 'Open3111795694109941'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "api_keys" ("id" SERIAL NOT NULL, "client_name" character varying(150) NOT NULL, "contact_email" character varying(254), "prefix" character varying(16) NOT NULL, "key_hash" character varying(64) NOT NULL, "rate_limit_per_minute" integer NOT NULL DEFAULT '60', "created_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_6f6105c8efe05b310d046cbdb3d" UNIQUE ("prefix"), CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "open311_requests" ("case_id" integer NOT NULL, "api_key_id" integer NOT NULL, "token" character varying(40) NOT NULL, "address_id" character varying(100), "media_url" character varying(500), "device_id" character varying(100), "account_id" character varying(100), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_5102e87645b7fed5deec9462c10" UNIQUE ("token"), CONSTRAINT "PK_b2c364297ea240455d3daf728e8" PRIMARY KEY ("case_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_open311_requests_key" ON "open311_requests" ("api_key_id") `);
        await queryRunner.query(`CREATE TABLE "api_key_uses" ("id" BIGSERIAL NOT NULL, "api_key_id" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "method" character varying(8) NOT NULL, "path" character varying(300) NOT NULL, "status" smallint, "ip" character varying(64), CONSTRAINT "PK_1f18dbfe710b4d169e45f69ad00" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_api_key_uses_key_at" ON "api_key_uses" ("api_key_id", "at") `);
        await queryRunner.query(`ALTER TABLE "api_keys" ADD CONSTRAINT "FK_3afd227c6cb003779abe2a88b4e" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "open311_requests" ADD CONSTRAINT "FK_b2c364297ea240455d3daf728e8" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "open311_requests" ADD CONSTRAINT "FK_0c17aa9dee28af5376e0847fca9" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "api_key_uses" ADD CONSTRAINT "FK_0be3186fda1b093a5408ccd1c34" FOREIGN KEY ("api_key_id") REFERENCES "api_keys"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "api_key_uses" DROP CONSTRAINT "FK_0be3186fda1b093a5408ccd1c34"`);
        await queryRunner.query(`ALTER TABLE "open311_requests" DROP CONSTRAINT "FK_0c17aa9dee28af5376e0847fca9"`);
        await queryRunner.query(`ALTER TABLE "open311_requests" DROP CONSTRAINT "FK_b2c364297ea240455d3daf728e8"`);
        await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "FK_3afd227c6cb003779abe2a88b4e"`);
        await queryRunner.query(`DROP INDEX "idx_api_key_uses_key_at"`);
        await queryRunner.query(`DROP TABLE "api_key_uses"`);
        await queryRunner.query(`DROP INDEX "idx_open311_requests_key"`);
        await queryRunner.query(`DROP TABLE "open311_requests"`);
        await queryRunner.query(`DROP TABLE "api_keys"`);
    }

}
