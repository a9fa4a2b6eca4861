import { MigrationInterface, QueryRunner } from "typeorm";

export class Mailbox1795694059691 implements MigrationInterface {
    name = 'Mailbox1795694059691'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "mailbox_sync" ("folder" character varying(200) NOT NULL, "uid_validity" bigint, "last_uid" bigint NOT NULL DEFAULT '0', "last_success_at" TIMESTAMP WITH TIME ZONE, "last_error_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "failures" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_265854aab2b80e589fe658e6ffa" PRIMARY KEY ("folder"))`);
        await queryRunner.query(`CREATE TABLE "mail_messages" ("id" SERIAL NOT NULL, "folder" character varying(200) NOT NULL, "uid_validity" bigint NOT NULL, "uid" bigint NOT NULL, "message_id" character varying(998), "in_reply_to" character varying(998), "references" text, "from_name" character varying(200), "from_address" character varying(254), "subject" character varying(998) NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "text_body" text, "safe_html" text, "blocked_images" integer NOT NULL DEFAULT '0', "size" integer NOT NULL, "too_large" boolean NOT NULL DEFAULT false, "kind" character varying(20) NOT NULL DEFAULT 'message', "automated_kind" character varying(20), "state" character varying(20) NOT NULL DEFAULT 'new', "assignee_id" integer, "note" text, "case_folio" character varying(20), "agenda_event_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_mail_messages_server_id" UNIQUE ("folder", "uid_validity", "uid"), CONSTRAINT "PK_1bd6e76ef3b3d4aff7d0510a509" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_mail_messages_message_id" ON "mail_messages" ("message_id") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_messages_kind" ON "mail_messages" ("kind", "received_at", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_mail_messages_state" ON "mail_messages" ("state", "received_at", "id") `);
        await queryRunner.query(`CREATE TABLE "mail_attachments" ("id" SERIAL NOT NULL, "message_id" integer NOT NULL, "filename" character varying(200) NOT NULL, "declared_type" character varying(100) NOT NULL, "detected_type" character varying(100), "size" integer NOT NULL, "storage_key" character varying(200), "refused_reason" character varying(60), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1b6ac15a94bd06175b552b539e4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_mail_attachments_message" ON "mail_attachments" ("message_id") `);
        await queryRunner.query(`CREATE TABLE "case_message_ids" ("id" SERIAL NOT NULL, "case_id" integer NOT NULL, "message_id" character varying(998) NOT NULL, "direction" character varying(3) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_03cb74ad83f8cf8b95516cd8717" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_case_message_ids_message_id" ON "case_message_ids" ("message_id") `);
        await queryRunner.query(`CREATE INDEX "idx_case_message_ids_case" ON "case_message_ids" ("case_id", "id") `);
        await queryRunner.query(`ALTER TABLE "cases" ADD "citizen_email_at" TIMESTAMP WITH TIME ZONE`);
        await queryRunner.query(`ALTER TABLE "mail_messages" ADD CONSTRAINT "FK_a53713db319f04be928b9efdc36" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "mail_attachments" ADD CONSTRAINT "FK_89806f9414d2ac0b6687570fb2f" FOREIGN KEY ("message_id") REFERENCES "mail_messages"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_message_ids" ADD CONSTRAINT "FK_c219b0a931eb151257ee5efb577" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "case_message_ids" DROP CONSTRAINT "FK_c219b0a931eb151257ee5efb577"`);
        await queryRunner.query(`ALTER TABLE "mail_attachments" DROP CONSTRAINT "FK_89806f9414d2ac0b6687570fb2f"`);
        await queryRunner.query(`ALTER TABLE "mail_messages" DROP CONSTRAINT "FK_a53713db319f04be928b9efdc36"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "citizen_email_at"`);
        await queryRunner.query(`DROP INDEX "idx_case_message_ids_case"`);
        await queryRunner.query(`DROP INDEX "uq_case_message_ids_message_id"`);
        await queryRunner.query(`DROP TABLE "case_message_ids"`);
        await queryRunner.query(`DROP INDEX "idx_mail_attachments_message"`);
        await queryRunner.query(`DROP TABLE "mail_attachments"`);
        await queryRunner.query(`DROP INDEX "idx_mail_messages_state"`);
        await queryRunner.query(`DROP INDEX "idx_mail_messages_kind"`);
        await queryRunner.query(`DROP INDEX "idx_mail_messages_message_id"`);
        await queryRunner.query(`DROP TABLE "mail_messages"`);
        await queryRunner.query(`DROP TABLE "mailbox_sync"`);
    }

}
