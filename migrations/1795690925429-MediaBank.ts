import { MigrationInterface, QueryRunner } from "typeorm";

export class MediaBank1795690925429 implements MigrationInterface {
    name = 'MediaBank1795690925429'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "media_collections" ("id" SERIAL NOT NULL, "name" character varying(150) NOT NULL, "description" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_cd1071f657a5f1a409ccdd29f06" UNIQUE ("name"), CONSTRAINT "PK_06f8ca220de8ec4d404a8bee84b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "media_assets" ("id" SERIAL NOT NULL, "kind" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "caption" text, "credit" character varying(150), "taken_at" TIMESTAMP WITH TIME ZONE, "place" character varying(200), "tags" text array NOT NULL DEFAULT '{}', "event_id" integer, "coverage_id" integer, "department_id" integer, "rights" character varying(20) NOT NULL DEFAULT 'institutional', "rights_expires_on" date, "do_not_use" boolean NOT NULL DEFAULT false, "original_key" character varying(120) NOT NULL, "original_name" character varying(255) NOT NULL, "mime_type" character varying(120) NOT NULL, "extension" character varying(10) NOT NULL, "size_bytes" bigint NOT NULL, "web_key" character varying(120), "thumb_key" character varying(120), "width" integer, "height" integer, "duration_seconds" double precision, "format" character varying(120), "camera" character varying(150), "latitude" double precision, "longitude" double precision, "metadata" jsonb NOT NULL DEFAULT '{}', "processing_notes" text array NOT NULL DEFAULT '{}', "search_text" text NOT NULL DEFAULT '', "uploaded_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_ca47e9f67a5e5d8af1e75d66ee6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_media_assets_kind_taken" ON "media_assets" ("kind", "taken_at") `);
        await queryRunner.query(`CREATE INDEX "idx_media_assets_event" ON "media_assets" ("event_id") `);
        // Written by hand (TypeORM cannot express it): substring search over the accent-free text.
        await queryRunner.query(`CREATE INDEX "idx_media_assets_search_trgm" ON "media_assets" USING gin ("search_text" gin_trgm_ops)`);
        await queryRunner.query(`CREATE TABLE "media_collection_items" ("collection_id" integer NOT NULL, "asset_id" integer NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_82660328cd286113185f67df76e" PRIMARY KEY ("collection_id", "asset_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_media_collection_items_asset" ON "media_collection_items" ("asset_id") `);
        await queryRunner.query(`ALTER TABLE "media_assets" ADD CONSTRAINT "FK_7b304d1c80beb6293366a221cdb" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "media_assets" ADD CONSTRAINT "FK_9c6b616b5c373c54a0619460eb6" FOREIGN KEY ("uploaded_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "media_collection_items" ADD CONSTRAINT "FK_888f659ec0c49ccea57f476bbbb" FOREIGN KEY ("collection_id") REFERENCES "media_collections"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "media_collection_items" ADD CONSTRAINT "FK_c9f0cebac956200c6775558ed6f" FOREIGN KEY ("asset_id") REFERENCES "media_assets"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "media_collection_items" DROP CONSTRAINT "FK_c9f0cebac956200c6775558ed6f"`);
        await queryRunner.query(`ALTER TABLE "media_collection_items" DROP CONSTRAINT "FK_888f659ec0c49ccea57f476bbbb"`);
        await queryRunner.query(`ALTER TABLE "media_assets" DROP CONSTRAINT "FK_9c6b616b5c373c54a0619460eb6"`);
        await queryRunner.query(`ALTER TABLE "media_assets" DROP CONSTRAINT "FK_7b304d1c80beb6293366a221cdb"`);
        await queryRunner.query(`DROP INDEX "idx_media_collection_items_asset"`);
        await queryRunner.query(`DROP TABLE "media_collection_items"`);
        await queryRunner.query(`DROP INDEX "idx_media_assets_search_trgm"`);
        await queryRunner.query(`DROP INDEX "idx_media_assets_event"`);
        await queryRunner.query(`DROP INDEX "idx_media_assets_kind_taken"`);
        await queryRunner.query(`DROP TABLE "media_assets"`);
        await queryRunner.query(`DROP TABLE "media_collections"`);
    }

}
