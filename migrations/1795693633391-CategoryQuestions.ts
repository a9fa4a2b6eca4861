import { MigrationInterface, QueryRunner } from "typeorm";

export class CategoryQuestions1795693633391 implements MigrationInterface {
    name = 'CategoryQuestions1795693633391'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "category_questions" ("id" SERIAL NOT NULL, "category_id" integer NOT NULL, "code" character varying(60) NOT NULL, "question" character varying(200) NOT NULL, "kind" character varying(10) NOT NULL, "required" boolean NOT NULL DEFAULT false, "position" integer NOT NULL DEFAULT '1', "help_text" text, "options" jsonb NOT NULL DEFAULT '[]', "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_category_questions_code" UNIQUE ("category_id", "code"), CONSTRAINT "PK_8b8fe041273a2205241e22faf60" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_category_questions_category" ON "category_questions" ("category_id", "position", "id") `);
        await queryRunner.query(`ALTER TABLE "cases" ADD "answers" jsonb NOT NULL DEFAULT '[]'`);
        await queryRunner.query(`ALTER TABLE "category_questions" ADD CONSTRAINT "FK_4f6679f0816921196856f0b5fc9" FOREIGN KEY ("category_id") REFERENCES "categories"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "category_questions" DROP CONSTRAINT "FK_4f6679f0816921196856f0b5fc9"`);
        await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "answers"`);
        await queryRunner.query(`DROP INDEX "idx_category_questions_category"`);
        await queryRunner.query(`DROP TABLE "category_questions"`);
    }

}
