import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The "recibido" links' secrets are kept only as their sha256, like invitations' and calendar
 * feeds'. Links already sent keep working: the same hash of the same token.
 */
export class ReleaseDeliveryTokenHash1796196926461 implements MigrationInterface {
    name = 'ReleaseDeliveryTokenHash1796196926461'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP INDEX "uq_release_deliveries_token"`);
        await queryRunner.query(`UPDATE "release_deliveries" SET "token" = encode(sha256(convert_to("token", 'UTF8')), 'hex')`);
        await queryRunner.query(`ALTER TABLE "release_deliveries" RENAME COLUMN "token" TO "token_hash"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_release_deliveries_token_hash" ON "release_deliveries" ("token_hash") `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        // A hash cannot be turned back into its link: the old links stop working after a rollback.
        await queryRunner.query(`DROP INDEX "uq_release_deliveries_token_hash"`);
        await queryRunner.query(`ALTER TABLE "release_deliveries" RENAME COLUMN "token_hash" TO "token"`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_release_deliveries_token" ON "release_deliveries" ("token") `);
    }

}
