import { MigrationInterface, QueryRunner } from "typeorm";

export class MediaInvitations1795691556040 implements MigrationInterface {
    name = 'MediaInvitations1795691556040'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "media_invitations" ("id" SERIAL NOT NULL, "event_id" integer NOT NULL, "subject" character varying(200) NOT NULL, "body" text NOT NULL, "created_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2af4326af1443bbd9da3741e570" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_media_invitations_event" ON "media_invitations" ("event_id") `);
        await queryRunner.query(`CREATE TABLE "invitation_templates" ("id" integer NOT NULL, "subject" character varying(200) NOT NULL, "body" text NOT NULL, "updated_by_id" integer, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_20bc005d6ed5f0ba5127eacc04c" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "invitation_recipients" ("id" SERIAL NOT NULL, "invitation_id" integer NOT NULL, "contact_id" integer, "name" character varying(150) NOT NULL, "email" character varying(254) NOT NULL, "outlet_name" character varying(150), "token_hash" character varying(64) NOT NULL, "response" character varying(20) NOT NULL DEFAULT 'pending', "attendees" integer NOT NULL DEFAULT '0', "responded_at" TIMESTAMP WITH TIME ZONE, "responded_via" character varying(20), "attended" boolean NOT NULL DEFAULT false, "note" character varying(500), CONSTRAINT "UQ_cc07dcdebd7d5c9a9e50b3e4f5b" UNIQUE ("token_hash"), CONSTRAINT "PK_42e97916f7cc44ada1bc95312e1" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_invitation_recipients_invitation" ON "invitation_recipients" ("invitation_id") `);
        await queryRunner.query(`ALTER TABLE "agenda_event_changes" ALTER COLUMN "details" SET DEFAULT '{}'::jsonb`);
        await queryRunner.query(`ALTER TABLE "media_invitations" ADD CONSTRAINT "FK_9d18293bcb7b3ebb69e5aaf23ff" FOREIGN KEY ("event_id") REFERENCES "agenda_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invitation_recipients" ADD CONSTRAINT "FK_0c55f6791117d5bc2cb1f4967b1" FOREIGN KEY ("invitation_id") REFERENCES "media_invitations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "invitation_recipients" ADD CONSTRAINT "FK_6efb73c407e37c8763cc79700b6" FOREIGN KEY ("contact_id") REFERENCES "media_contacts"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "invitation_recipients" DROP CONSTRAINT "FK_6efb73c407e37c8763cc79700b6"`);
        await queryRunner.query(`ALTER TABLE "invitation_recipients" DROP CONSTRAINT "FK_0c55f6791117d5bc2cb1f4967b1"`);
        await queryRunner.query(`ALTER TABLE "media_invitations" DROP CONSTRAINT "FK_9d18293bcb7b3ebb69e5aaf23ff"`);
        await queryRunner.query(`ALTER TABLE "agenda_event_changes" ALTER COLUMN "details" SET DEFAULT '{}'`);
        await queryRunner.query(`DROP INDEX "idx_invitation_recipients_invitation"`);
        await queryRunner.query(`DROP TABLE "invitation_recipients"`);
        await queryRunner.query(`DROP TABLE "invitation_templates"`);
        await queryRunner.query(`DROP INDEX "idx_media_invitations_event"`);
        await queryRunner.query(`DROP TABLE "media_invitations"`);
    }

}
