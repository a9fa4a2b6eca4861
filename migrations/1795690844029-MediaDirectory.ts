import { MigrationInterface, QueryRunner } from "typeorm";

export class MediaDirectory1795690844029 implements MigrationInterface {
    name = 'MediaDirectory1795690844029'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "media_outlets" ("id" SERIAL NOT NULL, "name" character varying(150) NOT NULL, "type" character varying(20) NOT NULL, "region" character varying(120), "reach" integer, "reach_kind" character varying(20), "reach_source" character varying(200), "reach_date" date, "website" character varying(300), "social_accounts" text, "address" character varying(300), "notes" text, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_74a97dccb464d92d67509a78ca9" UNIQUE ("name"), CONSTRAINT "PK_f829149c354f2343956a26dfb4d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "media_contacts" ("id" SERIAL NOT NULL, "name" character varying(150) NOT NULL, "role" character varying(120), "outlet_id" integer, "email" character varying(254), "phones" character varying(120), "beat" character varying(120), "preferred_channel" character varying(20) NOT NULL DEFAULT 'email', "notes" text, "do_not_contact" boolean NOT NULL DEFAULT false, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_76b943afa6cdf965a16f3fc4501" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_media_contacts_outlet" ON "media_contacts" ("outlet_id") `);
        await queryRunner.query(`CREATE INDEX "idx_media_contacts_email" ON "media_contacts" ("email") `);
        await queryRunner.query(`CREATE TABLE "distribution_lists" ("id" SERIAL NOT NULL, "name" character varying(120) NOT NULL, "description" character varying(300), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_dfa52edef6a849c6a12d945e6c0" UNIQUE ("name"), CONSTRAINT "PK_f10014ae041fc3b5e0ccd722631" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "distribution_list_members" ("list_id" integer NOT NULL, "contact_id" integer NOT NULL, "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_07f8ad1c776409425b05e422cee" PRIMARY KEY ("list_id", "contact_id"))`);
        await queryRunner.query(`CREATE INDEX "idx_distribution_list_members_contact" ON "distribution_list_members" ("contact_id") `);
        await queryRunner.query(`ALTER TABLE "media_contacts" ADD CONSTRAINT "FK_aa240ae82aa1d09b450e0e81075" FOREIGN KEY ("outlet_id") REFERENCES "media_outlets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "distribution_list_members" ADD CONSTRAINT "FK_978da6ab9ea94860e06bc3a46f4" FOREIGN KEY ("list_id") REFERENCES "distribution_lists"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "distribution_list_members" ADD CONSTRAINT "FK_845e71f1083f2cd72edb39efa32" FOREIGN KEY ("contact_id") REFERENCES "media_contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "distribution_list_members" DROP CONSTRAINT "FK_845e71f1083f2cd72edb39efa32"`);
        await queryRunner.query(`ALTER TABLE "distribution_list_members" DROP CONSTRAINT "FK_978da6ab9ea94860e06bc3a46f4"`);
        await queryRunner.query(`ALTER TABLE "media_contacts" DROP CONSTRAINT "FK_aa240ae82aa1d09b450e0e81075"`);
        await queryRunner.query(`DROP INDEX "idx_distribution_list_members_contact"`);
        await queryRunner.query(`DROP TABLE "distribution_list_members"`);
        await queryRunner.query(`DROP TABLE "distribution_lists"`);
        await queryRunner.query(`DROP INDEX "idx_media_contacts_email"`);
        await queryRunner.query(`DROP INDEX "idx_media_contacts_outlet"`);
        await queryRunner.query(`DROP TABLE "media_contacts"`);
        await queryRunner.query(`DROP TABLE "media_outlets"`);
    }

}
