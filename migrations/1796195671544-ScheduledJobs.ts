import { MigrationInterface, QueryRunner } from "typeorm";

export class ScheduledJobs1796195671544 implements MigrationInterface {
    name = 'ScheduledJobs1796195671544'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "scheduled_jobs" ("name" character varying(100) NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "running_until" TIMESTAMP WITH TIME ZONE, "owner" character varying(200), "last_started_at" TIMESTAMP WITH TIME ZONE, "last_finished_at" TIMESTAMP WITH TIME ZONE, "last_success_at" TIMESTAMP WITH TIME ZONE, "last_error" text, "runs" integer NOT NULL DEFAULT '0', "failures" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_5c795bbd339d082a44c10f1bb4c" PRIMARY KEY ("name"))`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`DROP TABLE "scheduled_jobs"`);
    }

}
