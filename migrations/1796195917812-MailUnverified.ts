import { MigrationInterface, QueryRunner } from "typeorm";

/** An email naming a case that was not threaded into it (forged or unauthenticated sender): flagged for staff. */
export class MailUnverified1796195917812 implements MigrationInterface {
    name = 'MailUnverified1796195917812'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "mail_messages" ADD "unverified" boolean NOT NULL DEFAULT false`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "mail_messages" DROP COLUMN "unverified"`);
    }

}
