import { MigrationInterface, QueryRunner } from "typeorm";

export class Monitoring1795693025608 implements MigrationInterface {
    name = 'Monitoring1795693025608'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "monitoring_feeds" ("id" SERIAL NOT NULL, "url" character varying(1000) NOT NULL, "name" character varying(150) NOT NULL, "outlet_id" integer, "active" boolean NOT NULL DEFAULT true, "etag" character varying(300), "last_modified" character varying(100), "last_checked_at" TIMESTAMP WITH TIME ZONE, "last_status" character varying(20), "last_error" character varying(500), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_a89ca36481de577efec28ef5f99" UNIQUE ("url"), CONSTRAINT "PK_829d617a84b9acb4539478c9f50" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "monitoring_keywords" ("id" SERIAL NOT NULL, "term" character varying(120) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_820301cb144ca5e0b52bf40be87" UNIQUE ("term"), CONSTRAINT "PK_7d324203982163584a59f8373f0" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "clippings" ("id" SERIAL NOT NULL, "outlet_id" integer, "medium" character varying(20) NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL, "headline" character varying(300) NOT NULL, "url" character varying(1000), "excerpt" text, "tone" character varying(10) NOT NULL DEFAULT 'neutral', "reach" integer, "release_id" integer, "event_id" integer, "tags" text array NOT NULL DEFAULT '{}', "storage_key" character varying(120), "file_name" character varying(255), "file_mime" character varying(120), "candidate_id" integer, "logged_by_user_id" integer, "logged_by" character varying(150), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_98beb78ca6f1a1bd221e1698926" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_clippings_release" ON "clippings" ("release_id") `);
        await queryRunner.query(`CREATE INDEX "idx_clippings_outlet" ON "clippings" ("outlet_id") `);
        await queryRunner.query(`CREATE INDEX "idx_clippings_published_at" ON "clippings" ("published_at") `);
        await queryRunner.query(`CREATE TABLE "clipping_candidates" ("id" SERIAL NOT NULL, "feed_id" integer NOT NULL, "item_key" character varying(1100) NOT NULL, "title" character varying(300) NOT NULL, "link" character varying(1000), "published_at" TIMESTAMP WITH TIME ZONE, "snippet" text, "matched" text array NOT NULL DEFAULT '{}', "status" character varying(12) NOT NULL DEFAULT 'pending', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_602322540076ceb5a9df6b8d58f" UNIQUE ("item_key"), CONSTRAINT "PK_d763ff4b24090e0edfc47a78247" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_clipping_candidates_status" ON "clipping_candidates" ("status") `);
        await queryRunner.query(`ALTER TABLE "monitoring_feeds" ADD CONSTRAINT "FK_2ac98f9c50d8ac1603b1b44fbb2" FOREIGN KEY ("outlet_id") REFERENCES "media_outlets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "clippings" ADD CONSTRAINT "FK_32b14298198f5b5bca60078f970" FOREIGN KEY ("outlet_id") REFERENCES "media_outlets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "clipping_candidates" ADD CONSTRAINT "FK_133aa07b7a0bd0ce858c29a18c9" FOREIGN KEY ("feed_id") REFERENCES "monitoring_feeds"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "clipping_candidates" DROP CONSTRAINT "FK_133aa07b7a0bd0ce858c29a18c9"`);
        await queryRunner.query(`ALTER TABLE "clippings" DROP CONSTRAINT "FK_32b14298198f5b5bca60078f970"`);
        await queryRunner.query(`ALTER TABLE "monitoring_feeds" DROP CONSTRAINT "FK_2ac98f9c50d8ac1603b1b44fbb2"`);
        await queryRunner.query(`DROP INDEX "idx_clipping_candidates_status"`);
        await queryRunner.query(`DROP TABLE "clipping_candidates"`);
        await queryRunner.query(`DROP INDEX "idx_clippings_published_at"`);
        await queryRunner.query(`DROP INDEX "idx_clippings_outlet"`);
        await queryRunner.query(`DROP INDEX "idx_clippings_release"`);
        await queryRunner.query(`DROP TABLE "clippings"`);
        await queryRunner.query(`DROP TABLE "monitoring_keywords"`);
        await queryRunner.query(`DROP TABLE "monitoring_feeds"`);
    }

}
