import { MigrationInterface, QueryRunner } from "typeorm";

/** The right to oppose (ARCO): a person who asked not to be written to about their cases. */
export class CaseContactOptOut1796197660108 implements MigrationInterface {
    name = 'CaseContactOptOut1796197660108'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "cases" ADD "contact_opt_out_at" TIMESTAMP WITH TIME ZONE`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "contact_opt_out_at"`);
    }

}
