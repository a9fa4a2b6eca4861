import { MigrationInterface, QueryRunner } from "typeorm";

export class SocialPosts1795691815787 implements MigrationInterface {
    name = 'SocialPosts1795691815787'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "social_posts" ("id" SERIAL NOT NULL, "release_id" integer, "text" text NOT NULL, "link" character varying(500), "status" character varying(20) NOT NULL DEFAULT 'draft', "scheduled_at" TIMESTAMP WITH TIME ZONE, "published_at" TIMESTAMP WITH TIME ZONE, "external_id" character varying(120), "external_url" character varying(500), "last_error" text, "outbox_id" bigint, "created_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2161864ea79f14525b8804bd7ff" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_social_posts_when" ON "social_posts" ("scheduled_at") `);
        await queryRunner.query(`CREATE INDEX "idx_social_posts_status" ON "social_posts" ("status") `);
        await queryRunner.query(`CREATE TABLE "social_post_media" ("post_id" integer NOT NULL, "asset_id" integer NOT NULL, "position" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_9c31c55c15b3340617d52c329d9" PRIMARY KEY ("post_id", "asset_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_social_post_media_asset" ON "social_post_media" ("asset_id") `);
        await queryRunner.query(`ALTER TABLE "social_posts" ADD CONSTRAINT "FK_55e2f942625a3e010b6baf3c4b0" FOREIGN KEY ("release_id") REFERENCES "press_releases"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "social_posts" ADD CONSTRAINT "FK_1a10d7ca46dd4c693399ec85855" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "social_post_media" ADD CONSTRAINT "FK_bb1678bf5add7d3406e193d9f04" FOREIGN KEY ("post_id") REFERENCES "social_posts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "social_post_media" ADD CONSTRAINT "FK_c5d1ec359f5099341e37e18081e" FOREIGN KEY ("asset_id") REFERENCES "media_assets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "social_post_media" DROP CONSTRAINT "FK_c5d1ec359f5099341e37e18081e"`);
        await queryRunner.query(`ALTER TABLE "social_post_media" DROP CONSTRAINT "FK_bb1678bf5add7d3406e193d9f04"`);
        await queryRunner.query(`ALTER TABLE "social_posts" DROP CONSTRAINT "FK_1a10d7ca46dd4c693399ec85855"`);
        await queryRunner.query(`ALTER TABLE "social_posts" DROP CONSTRAINT "FK_55e2f942625a3e010b6baf3c4b0"`);
        await queryRunner.query(`DROP INDEX "idx_social_post_media_asset"`);
        await queryRunner.query(`DROP TABLE "social_post_media"`);
        await queryRunner.query(`DROP INDEX "idx_social_posts_status"`);
        await queryRunner.query(`DROP INDEX "idx_social_posts_when"`);
        await queryRunner.query(`DROP TABLE "social_posts"`);
    }

}
