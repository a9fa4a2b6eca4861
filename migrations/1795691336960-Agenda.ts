import { MigrationInterface, QueryRunner } from "typeorm";

export class Agenda1795691336960 implements MigrationInterface {
    name = 'Agenda1795691336960'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "agenda_event_series" ("id" SERIAL NOT NULL, "rule" character varying(300) NOT NULL, "start_date" date NOT NULL, "start_time" character varying(5) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_b67d4465eec6f22c0e7d8ca5fff" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "agenda_events" ("id" SERIAL NOT NULL, "title" character varying(200) NOT NULL, "description" text, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "all_day" boolean NOT NULL DEFAULT false, "place" character varying(200), "address" character varying(300), "department_id" integer NOT NULL, "kind" character varying(30) NOT NULL, "is_public" boolean NOT NULL DEFAULT true, "importance" smallint NOT NULL DEFAULT '3', "notes" text, "status" character varying(20) NOT NULL DEFAULT 'scheduled', "status_reason" text, "day_rank" integer NOT NULL DEFAULT '0', "sequence" integer NOT NULL DEFAULT '0', "series_id" integer, "detached" boolean NOT NULL DEFAULT false, "external_uid" character varying(255), "proposed_by_id" integer, "created_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_76b860bcfb8a428d66effbdaa48" UNIQUE ("external_uid"), CONSTRAINT "PK_bc661d277cc778a750d94800029" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_agenda_events_status" ON "agenda_events" ("status") `);
        await queryRunner.query(`CREATE INDEX "idx_agenda_events_series" ON "agenda_events" ("series_id") `);
        await queryRunner.query(`CREATE INDEX "idx_agenda_events_starts" ON "agenda_events" ("starts_at") `);
        await queryRunner.query(`CREATE TABLE "agenda_route_steps" ("id" SERIAL NOT NULL, "event_id" integer NOT NULL, "step" character varying(30) NOT NULL, "done_at" TIMESTAMP WITH TIME ZONE NOT NULL, "done_by_id" integer, "done_by" character varying(254) NOT NULL, "source" character varying(40) NOT NULL DEFAULT 'manual', CONSTRAINT "PK_bd257f2e073739677c7463d0c6f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE UNIQUE INDEX "uq_agenda_route_steps_event_step" ON "agenda_route_steps" ("event_id", "step") `);
        await queryRunner.query(`CREATE TABLE "agenda_feed_tokens" ("user_id" integer NOT NULL, "token_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_6f28630075c62111158f9ca86eb" UNIQUE ("token_hash"), CONSTRAINT "PK_3cc405675c7b17e1dc92d606005" PRIMARY KEY ("user_id"))`);
        await queryRunner.query(`CREATE TABLE "agenda_event_attachments" ("id" SERIAL NOT NULL, "event_id" integer NOT NULL, "storage_key" character varying(120) NOT NULL, "filename" character varying(200) NOT NULL, "content_type" character varying(100) NOT NULL, "size" integer NOT NULL, "uploaded_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_640c9b32cefc598806301d20b65" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_agenda_event_attachments_event" ON "agenda_event_attachments" ("event_id") `);
        await queryRunner.query(`CREATE TABLE "agenda_coverages" ("id" SERIAL NOT NULL, "event_id" integer NOT NULL, "type" character varying(20) NOT NULL, "assignee_id" integer NOT NULL, "call_at" TIMESTAMP WITH TIME ZONE, "note" text, "status" character varying(20) NOT NULL DEFAULT 'assigned', "assigned_by_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1842e2a38100eb007aef44371be" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_agenda_coverages_assignee" ON "agenda_coverages" ("assignee_id", "status") `);
        await queryRunner.query(`CREATE INDEX "idx_agenda_coverages_event" ON "agenda_coverages" ("event_id") `);
        await queryRunner.query(`CREATE TABLE "agenda_event_changes" ("id" BIGSERIAL NOT NULL, "event_id" integer NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "user_id" integer, "actor" character varying(254) NOT NULL, "action" character varying(30) NOT NULL, "reason" text, "details" jsonb NOT NULL DEFAULT '{}', CONSTRAINT "PK_7e5163bb4e723a5368dc35f088b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_agenda_event_changes_event" ON "agenda_event_changes" ("event_id", "at") `);
        await queryRunner.query(`ALTER TABLE "agenda_events" ADD CONSTRAINT "FK_ea8dc29a859eb97a6e473ab54b7" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agenda_events" ADD CONSTRAINT "FK_adda83499c51c20aeb246b38faa" FOREIGN KEY ("series_id") REFERENCES "agenda_event_series"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agenda_route_steps" ADD CONSTRAINT "FK_c608a6795cf37032ce1786d2713" FOREIGN KEY ("event_id") REFERENCES "agenda_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agenda_feed_tokens" ADD CONSTRAINT "FK_3cc405675c7b17e1dc92d606005" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agenda_event_attachments" ADD CONSTRAINT "FK_03baf4685639c5ca7795ce4a73e" FOREIGN KEY ("event_id") REFERENCES "agenda_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agenda_coverages" ADD CONSTRAINT "FK_77c52f63b1307d2c301af5830e9" FOREIGN KEY ("event_id") REFERENCES "agenda_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agenda_coverages" ADD CONSTRAINT "FK_29af1567f7aa9800bc2eefc247c" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agenda_event_changes" ADD CONSTRAINT "FK_c942bfff2d1db4a9b9f051a7b0d" FOREIGN KEY ("event_id") REFERENCES "agenda_events"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "agenda_event_changes" DROP CONSTRAINT "FK_c942bfff2d1db4a9b9f051a7b0d"`);
        await queryRunner.query(`ALTER TABLE "agenda_coverages" DROP CONSTRAINT "FK_29af1567f7aa9800bc2eefc247c"`);
        await queryRunner.query(`ALTER TABLE "agenda_coverages" DROP CONSTRAINT "FK_77c52f63b1307d2c301af5830e9"`);
        await queryRunner.query(`ALTER TABLE "agenda_event_attachments" DROP CONSTRAINT "FK_03baf4685639c5ca7795ce4a73e"`);
        await queryRunner.query(`ALTER TABLE "agenda_feed_tokens" DROP CONSTRAINT "FK_3cc405675c7b17e1dc92d606005"`);
        await queryRunner.query(`ALTER TABLE "agenda_route_steps" DROP CONSTRAINT "FK_c608a6795cf37032ce1786d2713"`);
        await queryRunner.query(`ALTER TABLE "agenda_events" DROP CONSTRAINT "FK_adda83499c51c20aeb246b38faa"`);
        await queryRunner.query(`ALTER TABLE "agenda_events" DROP CONSTRAINT "FK_ea8dc29a859eb97a6e473ab54b7"`);
        await queryRunner.query(`DROP INDEX "idx_agenda_event_changes_event"`);
        await queryRunner.query(`DROP TABLE "agenda_event_changes"`);
        await queryRunner.query(`DROP INDEX "idx_agenda_coverages_event"`);
        await queryRunner.query(`DROP INDEX "idx_agenda_coverages_assignee"`);
        await queryRunner.query(`DROP TABLE "agenda_coverages"`);
        await queryRunner.query(`DROP INDEX "idx_agenda_event_attachments_event"`);
        await queryRunner.query(`DROP TABLE "agenda_event_attachments"`);
        await queryRunner.query(`DROP TABLE "agenda_feed_tokens"`);
        await queryRunner.query(`DROP INDEX "uq_agenda_route_steps_event_step"`);
        await queryRunner.query(`DROP TABLE "agenda_route_steps"`);
        await queryRunner.query(`DROP INDEX "idx_agenda_events_starts"`);
        await queryRunner.query(`DROP INDEX "idx_agenda_events_series"`);
        await queryRunner.query(`DROP INDEX "idx_agenda_events_status"`);
        await queryRunner.query(`DROP TABLE "agenda_events"`);
        await queryRunner.query(`DROP TABLE "agenda_event_series"`);
    }

}
