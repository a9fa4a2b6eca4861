import { MigrationInterface, QueryRunner } from "typeorm";

/** A photo's full-resolution public copy, without GPS position nor camera (the original stays for staff). */
export class MediaPublicCopy1796196557035 implements MigrationInterface {
    name = 'MediaPublicCopy1796196557035'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "media_assets" ADD "public_key" character varying(120)`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "media_assets" DROP COLUMN "public_key"`);
    }

}
