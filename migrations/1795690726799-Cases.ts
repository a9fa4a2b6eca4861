import { MigrationInterface, QueryRunner } from "typeorm";

export class Cases1795690726799 implements MigrationInterface {
    name = 'Cases1795690726799'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "categories" ("id" SERIAL NOT NULL, "name" character varying(120) NOT NULL, "description" text, "default_department_id" integer, "deadline_days" integer NOT NULL DEFAULT '10', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_8b0be371d28245da6e4f4b61878" UNIQUE ("name"), CONSTRAINT "PK_24dbc6126a28ff948da33e97d3b" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_categories_department" ON "categories" ("default_department_id") `);
        await queryRunner.query(`CREATE TABLE "predefined_answers" ("id" SERIAL NOT NULL, "category_id" integer NOT NULL, "title" character varying(150) NOT NULL, "body" text NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df5eabec15ffe2715d3049f73ad" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_predefined_answers_category" ON "predefined_answers" ("category_id") `);
        await queryRunner.query(`CREATE TABLE "folio_counters" ("year" integer NOT NULL, "last" integer NOT NULL DEFAULT '0', CONSTRAINT "PK_f8fc3d702af186c2c52c5d6efb4" PRIMARY KEY ("year"))`);
        await queryRunner.query(`CREATE TABLE "case_digest_runs" ("day" date NOT NULL, "ran_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_54b953a32193660d39fe7cfbf7f" PRIMARY KEY ("day"))`);
        await queryRunner.query(`CREATE TABLE "cases" ("id" SERIAL NOT NULL, "folio" character varying(20) NOT NULL, "year" integer NOT NULL, "seq" integer NOT NULL, "tracking_code_hash" character varying(64) NOT NULL, "type" character varying(20) NOT NULL, "category_id" integer NOT NULL, "department_id" integer, "assignee_id" integer, "status" character varying(20) NOT NULL DEFAULT 'received', "priority" smallint NOT NULL DEFAULT '2', "channel" character varying(20) NOT NULL DEFAULT 'web', "description" text NOT NULL, "locality" character varying(120) NOT NULL, "neighborhood" character varying(120), "street" character varying(200), "reference" character varying(300), "latitude" double precision, "longitude" double precision, "contact_name" character varying(150), "contact_email" character varying(254), "contact_phone" character varying(40), "consent_at" TIMESTAMP WITH TIME ZONE, "consent_version" character varying(20), "due_date" date NOT NULL, "first_response_at" TIMESTAMP WITH TIME ZONE, "resolved_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "duplicate_of_id" integer, "satisfaction_score" smallint, "satisfaction_comment" text, "anonymized_at" TIMESTAMP WITH TIME ZONE, "created_by_id" integer, "version" integer NOT NULL DEFAULT '1', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_d87be431ccbbe7e9afbac6679ff" UNIQUE ("folio"), CONSTRAINT "uq_cases_year_seq" UNIQUE ("year", "seq"), CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_cases_contact_email" ON "cases" ("contact_email") `);
        await queryRunner.query(`CREATE INDEX "idx_cases_category_locality" ON "cases" ("category_id", "locality") `);
        await queryRunner.query(`CREATE INDEX "idx_cases_priority" ON "cases" ("priority", "created_at", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_cases_assignee_status" ON "cases" ("assignee_id", "status", "due_date", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_cases_department_status_due" ON "cases" ("department_id", "status", "due_date", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_cases_status_due" ON "cases" ("status", "due_date", "id") `);
        await queryRunner.query(`CREATE INDEX "idx_cases_created" ON "cases" ("created_at", "id") `);
        await queryRunner.query(`CREATE TABLE "case_events" ("id" BIGSERIAL NOT NULL, "case_id" integer NOT NULL, "kind" character varying(20) NOT NULL, "public" boolean NOT NULL DEFAULT false, "body" text, "data" jsonb NOT NULL DEFAULT '{}', "actor_id" integer, "actor_label" character varying(150) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_61f203ee26b76c6438bbcc7bde6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_case_events_case" ON "case_events" ("case_id", "id") `);
        await queryRunner.query(`CREATE TABLE "case_attachments" ("id" SERIAL NOT NULL, "case_id" integer NOT NULL, "storage_key" character varying(200) NOT NULL, "original_key" character varying(200), "filename" character varying(200) NOT NULL, "content_type" character varying(100) NOT NULL, "size" integer NOT NULL, "source" character varying(10) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9680beedc0b2d26fafb04435fb8" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_case_attachments_case" ON "case_attachments" ("case_id") `);
        await queryRunner.query(`ALTER TABLE "categories" ADD CONSTRAINT "FK_d00ce8ea7a61b5266e8024bd4fa" FOREIGN KEY ("default_department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "predefined_answers" ADD CONSTRAINT "FK_9b594b730dd77adecc981691656" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_a63d2b08b95f825c84d0e7b5441" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_5c2435b947a8680f2fa0d847c0b" FOREIGN KEY ("department_id") REFERENCES "departments"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_1e03d7426e634bc22f7241ebfba" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "cases" ADD CONSTRAINT "FK_9ab0f1d012e39e8c383eec488bb" FOREIGN KEY ("duplicate_of_id") REFERENCES "cases"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_events" ADD CONSTRAINT "FK_259dbf949114e25670ac6cad205" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "case_attachments" ADD CONSTRAINT "FK_b786b12df72a5221b85ad640963" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "case_attachments" DROP CONSTRAINT "FK_b786b12df72a5221b85ad640963"`);
        await queryRunner.query(`ALTER TABLE "case_events" DROP CONSTRAINT "FK_259dbf949114e25670ac6cad205"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_9ab0f1d012e39e8c383eec488bb"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_1e03d7426e634bc22f7241ebfba"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_5c2435b947a8680f2fa0d847c0b"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_a63d2b08b95f825c84d0e7b5441"`);
        await queryRunner.query(`ALTER TABLE "predefined_answers" DROP CONSTRAINT "FK_9b594b730dd77adecc981691656"`);
        await queryRunner.query(`ALTER TABLE "categories" DROP CONSTRAINT "FK_d00ce8ea7a61b5266e8024bd4fa"`);
        await queryRunner.query(`DROP INDEX "idx_case_attachments_case"`);
        await queryRunner.query(`DROP TABLE "case_attachments"`);
        await queryRunner.query(`DROP INDEX "idx_case_events_case"`);
        await queryRunner.query(`DROP TABLE "case_events"`);
        await queryRunner.query(`DROP INDEX "idx_cases_created"`);
        await queryRunner.query(`DROP INDEX "idx_cases_status_due"`);
        await queryRunner.query(`DROP INDEX "idx_cases_department_status_due"`);
        await queryRunner.query(`DROP INDEX "idx_cases_assignee_status"`);
        await queryRunner.query(`DROP INDEX "idx_cases_priority"`);
        await queryRunner.query(`DROP INDEX "idx_cases_category_locality"`);
        await queryRunner.query(`DROP INDEX "idx_cases_contact_email"`);
        await queryRunner.query(`DROP TABLE "cases"`);
        await queryRunner.query(`DROP TABLE "case_digest_runs"`);
        await queryRunner.query(`DROP TABLE "folio_counters"`);
        await queryRunner.query(`DROP INDEX "idx_predefined_answers_category"`);
        await queryRunner.query(`DROP TABLE "predefined_answers"`);
        await queryRunner.query(`DROP INDEX "idx_categories_department"`);
        await queryRunner.query(`DROP TABLE "categories"`);
    }

}
