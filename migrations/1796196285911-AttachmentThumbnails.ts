import { MigrationInterface, QueryRunner } from "typeorm";

/** Thumbnails of case and event photos (made at upload; older rows get theirs on first view). */
export class AttachmentThumbnails1796196285911 implements MigrationInterface {
    name = 'AttachmentThumbnails1796196285911'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "case_attachments" ADD "thumb_key" character varying(200)`);
        await queryRunner.query(`ALTER TABLE "agenda_event_attachments" ADD "thumb_key" character varying(200)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "agenda_event_attachments" DROP COLUMN "thumb_key"`);
        await queryRunner.query(`ALTER TABLE "case_attachments" DROP COLUMN "thumb_key"`);
    }

}
