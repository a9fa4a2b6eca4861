import { MigrationInterface, QueryRunner } from "typeorm";

export class ReleaseDeliveries1795692049874 implements MigrationInterface {
    name = 'ReleaseDeliveries1795692049874'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "release_deliveries" ("id" SERIAL NOT NULL, "release_id" integer NOT NULL, "contact_id" integer, "name" character varying(150) NOT NULL, "email" character varying(254) NOT NULL, "outlet_name" character varying(200), "status" character varying(20) NOT NULL DEFAULT 'queued', "token" character varying(64) NOT NULL, "outbox_id" bigint, "message_id" character varying(300), "server_response" text, "sent_at" TIMESTAMP WITH TIME ZONE, "confirmed_at" TIMESTAMP WITH TIME ZONE, "confirmed_via" character varying(10), "confirmation_note" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc0c5c9d74fbd965edf1fe3de67" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_release_deliveries_token" ON "release_deliveries" ("token") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_release_deliveries_contact" ON "release_deliveries" ("release_id", "contact_id") `);
        await queryRunner.query(`ALTER TABLE "release_deliveries" ADD CONSTRAINT "FK_057ea1d88f50b04fcfb0a5cad81" FOREIGN KEY ("release_id") REFERENCES "press_releases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "release_deliveries" ADD CONSTRAINT "FK_8974e5b9503f6ceb7021dd9eec0" FOREIGN KEY ("contact_id") REFERENCES "media_contacts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "release_deliveries" DROP CONSTRAINT "FK_8974e5b9503f6ceb7021dd9eec0"`);
        await queryRunner.query(`ALTER TABLE "release_deliveries" DROP CONSTRAINT "FK_057ea1d88f50b04fcfb0a5cad81"`);
        await queryRunner.query(`DROP INDEX "uq_release_deliveries_contact"`);
        await queryRunner.query(`DROP INDEX "uq_release_deliveries_token"`);
        await queryRunner.query(`DROP TABLE "release_deliveries"`);
    }

}
