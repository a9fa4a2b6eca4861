import { MigrationInterface, QueryRunner } from "typeorm";

export class PressReleases1795691455815 implements MigrationInterface {
    name = 'PressReleases1795691455815'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "press_releases" ("id" SERIAL NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'draft', "year" integer, "number" integer, "title" character varying(250) NOT NULL, "subtitle" character varying(400), "place" character varying(150) NOT NULL, "release_date" date NOT NULL, "body" text NOT NULL DEFAULT '', "quotes" text NOT NULL DEFAULT '', "department_id" integer, "event_id" integer, "embargo_until" TIMESTAMP WITH TIME ZONE, "version" integer NOT NULL DEFAULT '1', "search_text" text NOT NULL DEFAULT '', "created_by_id" integer, "approved_by_id" integer, "approved_at" TIMESTAMP WITH TIME ZONE, "sent_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "chk_press_releases_numbered" CHECK ((number IS NULL) = (year IS NULL)), CONSTRAINT "PK_4a9c3e000f25f10f4cb1bf7a7fe" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_press_releases_event" ON "press_releases" ("event_id") `);
        await queryRunner.query(`CREATE INDEX "idx_press_releases_status" ON "press_releases" ("status", "published_at") `);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_press_releases_number" ON "press_releases" ("year", "number") `);
        await queryRunner.query(`CREATE TABLE "press_release_versions" ("id" SERIAL NOT NULL, "release_id" integer NOT NULL, "version" integer NOT NULL, "snapshot" jsonb NOT NULL, "author_id" integer, "author_label" character varying(254) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_582de46acf348b9d12ede6ab05f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_press_release_versions" ON "press_release_versions" ("release_id", "version") `);
        await queryRunner.query(`CREATE TABLE "release_template" ("id" integer NOT NULL DEFAULT '1', "letterhead" text NOT NULL, "number_prefix" character varying(40) NOT NULL DEFAULT 'Boletín', "default_place" character varying(150) NOT NULL, "contact_footer" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_362ca8777b8a665f5d65eb74717" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "press_release_media" ("release_id" integer NOT NULL, "asset_id" integer NOT NULL, "position" integer NOT NULL DEFAULT '0', "caption" text, CONSTRAINT "PK_e10c59682ec243c44b07aea498b" PRIMARY KEY ("release_id", "asset_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_press_release_media_asset" ON "press_release_media" ("asset_id") `);
        await queryRunner.query(`CREATE TABLE "press_release_events" ("id" SERIAL NOT NULL, "release_id" integer NOT NULL, "action" character varying(20) NOT NULL, "from_status" character varying(20), "to_status" character varying(20), "comment" text, "version" integer, "user_id" integer, "actor_label" character varying(254) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_094680e8acd7c6b5d90d143106b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_press_release_events_release" ON "press_release_events" ("release_id", "id") `);
        await queryRunner.query(`CREATE TABLE "release_counters" ("year" integer NOT NULL, "last_number" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_4748367e24b73bfd04ab518cb05" PRIMARY KEY ("year"))`);
        await queryRunner.query(`ALTER TABLE "press_releases" ADD CONSTRAINT "FK_d6019a4bf8d02b72dbe15ec219e" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "press_releases" ADD CONSTRAINT "FK_5b2e7981ba830ba04c63896e436" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "press_releases" ADD CONSTRAINT "FK_ac036a2a8545e38613a5df91b70" FOREIGN KEY ("approved_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "press_release_versions" ADD CONSTRAINT "FK_9472822229cf0e7f5c196a8fef5" FOREIGN KEY ("release_id") REFERENCES "press_releases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "press_release_media" ADD CONSTRAINT "FK_2303a9eaf01d4a9d64314fe4c36" FOREIGN KEY ("release_id") REFERENCES "press_releases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "press_release_media" ADD CONSTRAINT "FK_7644892ae5a75d40c6474e6c216" FOREIGN KEY ("asset_id") REFERENCES "media_assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "press_release_events" ADD CONSTRAINT "FK_41a10adfac68fa8b8933a6b1a35" FOREIGN KEY ("release_id") REFERENCES "press_releases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "press_release_events" DROP CONSTRAINT "FK_41a10adfac68fa8b8933a6b1a35"`);
        await queryRunner.query(`ALTER TABLE "press_release_media" DROP CONSTRAINT "FK_7644892ae5a75d40c6474e6c216"`);
        await queryRunner.query(`ALTER TABLE "press_release_media" DROP CONSTRAINT "FK_2303a9eaf01d4a9d64314fe4c36"`);
        await queryRunner.query(`ALTER TABLE "press_release_versions" DROP CONSTRAINT "FK_9472822229cf0e7f5c196a8fef5"`);
        await queryRunner.query(`ALTER TABLE "press_releases" DROP CONSTRAINT "FK_ac036a2a8545e38613a5df91b70"`);
        await queryRunner.query(`ALTER TABLE "press_releases" DROP CONSTRAINT "FK_5b2e7981ba830ba04c63896e436"`);
        await queryRunner.query(`ALTER TABLE "press_releases" DROP CONSTRAINT "FK_d6019a4bf8d02b72dbe15ec219e"`);
        await queryRunner.query(`DROP TABLE "release_counters"`);
        await queryRunner.query(`DROP INDEX "idx_press_release_events_release"`);
        await queryRunner.query(`DROP TABLE "press_release_events"`);
        await queryRunner.query(`DROP INDEX "idx_press_release_media_asset"`);
        await queryRunner.query(`DROP TABLE "press_release_media"`);
        await queryRunner.query(`DROP TABLE "release_template"`);
        await queryRunner.query(`DROP INDEX "uq_press_release_versions"`);
        await queryRunner.query(`DROP TABLE "press_release_versions"`);
        await queryRunner.query(`DROP INDEX "uq_press_releases_number"`);
        await queryRunner.query(`DROP INDEX "idx_press_releases_status"`);
        await queryRunner.query(`DROP INDEX "idx_press_releases_event"`);
        await queryRunner.query(`DROP TABLE "press_releases"`);
    }

}
