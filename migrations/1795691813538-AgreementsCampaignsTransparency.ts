import { MigrationInterface, QueryRunner } from "typeorm";

export class AgreementsCampaignsTransparency1795691813538 implements MigrationInterface {
    name = 'AgreementsCampaignsTransparency1795691813538'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`CREATE TABLE "transparency_obligations" ("id" SERIAL NOT NULL, "title" character varying(200) NOT NULL, "legal_basis" character varying(200) NOT NULL, "days_after_quarter" integer NOT NULL DEFAULT '30', "remind_days_before" integer NOT NULL DEFAULT '7', "notify_email" character varying(254), "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bc109864068ffda0f4b90b662cb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "transparency_columns" ("key" character varying(40) NOT NULL, "header" character varying(300) NOT NULL, "position" integer NOT NULL, "enabled" boolean NOT NULL DEFAULT true, CONSTRAINT "PK_9411dcfef19456b5cd04573fc63" PRIMARY KEY ("key"))`);
        await queryRunner.query(`CREATE TABLE "transparency_obligation_periods" ("id" SERIAL NOT NULL, "obligation_id" integer NOT NULL, "due_on" date NOT NULL, "reminded_at" TIMESTAMP WITH TIME ZONE, "filed_at" TIMESTAMP WITH TIME ZONE, "filed_by" character varying(150), CONSTRAINT "uq_obligation_periods_due" UNIQUE ("obligation_id", "due_on"), CONSTRAINT "PK_12f9377697ec320a867d70db025" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "campaigns" ("id" SERIAL NOT NULL, "year" integer NOT NULL, "name" character varying(200) NOT NULL, "type" character varying(30) NOT NULL, "topic" character varying(200), "objective" text NOT NULL, "audience" character varying(300), "starts_on" date NOT NULL, "ends_on" date NOT NULL, "media_plan" text, "created_by_user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_831e3fcd4fc45b4e4c3f57a9ee4" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_campaigns_year" ON "campaigns" ("year") `);
        await queryRunner.query(`CREATE TABLE "budget_lines" ("id" SERIAL NOT NULL, "year" integer NOT NULL, "code" character varying(20) NOT NULL, "name" character varying(200) NOT NULL, "assigned" numeric(14,2) NOT NULL, "modified" numeric(14,2), "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "uq_budget_lines_year_code" UNIQUE ("year", "code"), CONSTRAINT "PK_4eabf9c9d7c8edc9ad302270c94" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "media_agreements" ("id" SERIAL NOT NULL, "year" integer NOT NULL, "outlet_id" integer NOT NULL, "supplier_name" character varying(250) NOT NULL, "supplier_rfc" character varying(13) NOT NULL, "object" text NOT NULL, "contract_number" character varying(60), "subtotal" numeric(14,2) NOT NULL, "vat" numeric(14,2) NOT NULL, "total" numeric(14,2) NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "budget_line_id" integer, "campaign_id" integer, "requesting_area" character varying(150) NOT NULL DEFAULT 'Dirección de Comunicación Social', "procedure" character varying(20) NOT NULL DEFAULT 'direct_award', "legal_basis" character varying(300), "service_classification" character varying(30) NOT NULL DEFAULT 'dissemination', "service_type" character varying(150), "status" character varying(20) NOT NULL DEFAULT 'received', "analysis_notes" text, "analysis_reach" integer, "cost_per_contact" numeric(14,4), "decided_by_user_id" integer, "decided_by_name" character varying(150), "decided_at" TIMESTAMP WITH TIME ZONE, "decision_note" text, "contract_date" date, "concluded_at" TIMESTAMP WITH TIME ZONE, "created_by_user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_20b7962441660509b782d644428" UNIQUE ("contract_number"), CONSTRAINT "PK_1a7da9272e23e5321f779f4df7e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_media_agreements_outlet" ON "media_agreements" ("outlet_id") `);
        await queryRunner.query(`CREATE INDEX "idx_media_agreements_year" ON "media_agreements" ("year") `);
        await queryRunner.query(`CREATE INDEX "idx_media_agreements_status" ON "media_agreements" ("status") `);
        await queryRunner.query(`CREATE TABLE "agreement_documents" ("id" SERIAL NOT NULL, "agreement_id" integer NOT NULL, "kind" character varying(20) NOT NULL, "storage_key" character varying(120) NOT NULL, "original_name" character varying(255) NOT NULL, "mime_type" character varying(120) NOT NULL, "size" integer NOT NULL, "uploaded_by_user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_7bf4685016ac8726ca2e5e23ffb" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_agreement_documents_agreement" ON "agreement_documents" ("agreement_id") `);
        await queryRunner.query(`CREATE TABLE "agreement_payments" ("id" SERIAL NOT NULL, "agreement_id" integer NOT NULL, "invoice_number" character varying(60) NOT NULL, "invoice_date" date NOT NULL, "amount" numeric(14,2) NOT NULL, "paid_on" date NOT NULL, "document_id" integer, "notes" character varying(500), "created_by_user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_1405f7fe92d6c9e6a81b96aa27e" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_agreement_payments_agreement" ON "agreement_payments" ("agreement_id") `);
        await queryRunner.query(`CREATE TABLE "agreement_deliverables" ("id" SERIAL NOT NULL, "agreement_id" integer NOT NULL, "kind" character varying(20) NOT NULL, "description" character varying(300) NOT NULL, "quantity" integer NOT NULL, "unit_cost" numeric(14,2) NOT NULL, CONSTRAINT "PK_d88b569eda624821be972263755" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_agreement_deliverables_agreement" ON "agreement_deliverables" ("agreement_id") `);
        await queryRunner.query(`CREATE TABLE "agreement_deliveries" ("id" SERIAL NOT NULL, "agreement_id" integer NOT NULL, "deliverable_id" integer NOT NULL, "quantity" integer NOT NULL, "delivered_on" date NOT NULL, "document_id" integer, "clipping_id" integer, "notes" character varying(500), "created_by_user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_83166692f45506ebea997a5a520" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_agreement_deliveries_agreement" ON "agreement_deliveries" ("agreement_id") `);
        await queryRunner.query(`CREATE INDEX "idx_agreement_deliveries_deliverable" ON "agreement_deliveries" ("deliverable_id") `);
        await queryRunner.query(`CREATE TABLE "communication_strategies" ("id" SERIAL NOT NULL, "year" integer NOT NULL, "title" character varying(200) NOT NULL, "objectives" text NOT NULL, "key_messages" text, "audiences" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_4b4e144c627599811372750c881" UNIQUE ("year"), CONSTRAINT "PK_27e9a2c0129498580665486a64f" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "campaign_pieces" ("id" SERIAL NOT NULL, "campaign_id" integer NOT NULL, "kind" character varying(20) NOT NULL, "title" character varying(200) NOT NULL, "status" character varying(20) NOT NULL DEFAULT 'idea', "script" text, "outlet_id" integer, "placement" character varying(200), "runs_on" date, "runs_until" date, "published_at" TIMESTAMP WITH TIME ZONE, "blackout_exception" character varying(30), "blackout_reason" text, "created_by_user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_a0f40071bcbbd8addb3d778ab99" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_campaign_pieces_runs_on" ON "campaign_pieces" ("runs_on") `);
        await queryRunner.query(`CREATE INDEX "idx_campaign_pieces_campaign" ON "campaign_pieces" ("campaign_id") `);
        await queryRunner.query(`CREATE TABLE "campaign_piece_files" ("id" SERIAL NOT NULL, "piece_id" integer NOT NULL, "storage_key" character varying(120) NOT NULL, "original_name" character varying(255) NOT NULL, "mime_type" character varying(120) NOT NULL, "size" integer NOT NULL, "media_asset_id" integer, "uploaded_by_user_id" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9fa2950849dae7b5383ecb5429d" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_campaign_piece_files_piece" ON "campaign_piece_files" ("piece_id") `);
        await queryRunner.query(`CREATE TABLE "promotion_watch_names" ("id" SERIAL NOT NULL, "name" character varying(150) NOT NULL, "position" character varying(150), "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_79cdeb40d699f8b6361fd794a0a" UNIQUE ("name"), CONSTRAINT "PK_27ca5d7432644872702df80f5c6" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE TABLE "blackout_periods" ("id" SERIAL NOT NULL, "name" character varying(150) NOT NULL, "kind" character varying(20) NOT NULL, "starts_on" date NOT NULL, "ends_on" date NOT NULL, "notes" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9d0d99856290a91c9deafff9793" PRIMARY KEY ("id"))`);
        await queryRunner.query(`CREATE INDEX "idx_blackout_periods_dates" ON "blackout_periods" ("starts_on", "ends_on") `);
        await queryRunner.query(`ALTER TABLE "transparency_obligation_periods" ADD CONSTRAINT "FK_caddbc16ea653611dead4dd2ff3" FOREIGN KEY ("obligation_id") REFERENCES "transparency_obligations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "media_agreements" ADD CONSTRAINT "FK_8bf168b2b48dabe1af238992e50" FOREIGN KEY ("outlet_id") REFERENCES "media_outlets"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "media_agreements" ADD CONSTRAINT "FK_61958773f74f84f1d9594521c2c" FOREIGN KEY ("budget_line_id") REFERENCES "budget_lines"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "media_agreements" ADD CONSTRAINT "FK_77ddd5195753c651315d60216b4" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agreement_documents" ADD CONSTRAINT "FK_a079c5560a64dc0dba398d92d10" FOREIGN KEY ("agreement_id") REFERENCES "media_agreements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agreement_payments" ADD CONSTRAINT "FK_b332453599accde6a5a66def8b6" FOREIGN KEY ("agreement_id") REFERENCES "media_agreements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agreement_payments" ADD CONSTRAINT "FK_58496fefda600010872bbe975a4" FOREIGN KEY ("document_id") REFERENCES "agreement_documents"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agreement_deliverables" ADD CONSTRAINT "FK_4a4c4609ddd3fb6dab08717b04d" FOREIGN KEY ("agreement_id") REFERENCES "media_agreements"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agreement_deliveries" ADD CONSTRAINT "FK_709970e88f649ddcdc29ea9cf91" FOREIGN KEY ("deliverable_id") REFERENCES "agreement_deliverables"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "agreement_deliveries" ADD CONSTRAINT "FK_11f8b06274b5cd87fd61533ea73" FOREIGN KEY ("document_id") REFERENCES "agreement_documents"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "campaign_pieces" ADD CONSTRAINT "FK_a47dffb35b4f1eed16e2a1cf2d0" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "campaign_pieces" ADD CONSTRAINT "FK_ba810d863abda6f03d6b569289f" FOREIGN KEY ("outlet_id") REFERENCES "media_outlets"("id") ON DELETE SET NULL ON UPDATE NO ACTION`);
        await queryRunner.query(`ALTER TABLE "campaign_piece_files" ADD CONSTRAINT "FK_bfeced86355745fc8b27b4a6e49" FOREIGN KEY ("piece_id") REFERENCES "campaign_pieces"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`ALTER TABLE "campaign_piece_files" DROP CONSTRAINT "FK_bfeced86355745fc8b27b4a6e49"`);
        await queryRunner.query(`ALTER TABLE "campaign_pieces" DROP CONSTRAINT "FK_ba810d863abda6f03d6b569289f"`);
        await queryRunner.query(`ALTER TABLE "campaign_pieces" DROP CONSTRAINT "FK_a47dffb35b4f1eed16e2a1cf2d0"`);
        await queryRunner.query(`ALTER TABLE "agreement_deliveries" DROP CONSTRAINT "FK_11f8b06274b5cd87fd61533ea73"`);
        await queryRunner.query(`ALTER TABLE "agreement_deliveries" DROP CONSTRAINT "FK_709970e88f649ddcdc29ea9cf91"`);
        await queryRunner.query(`ALTER TABLE "agreement_deliverables" DROP CONSTRAINT "FK_4a4c4609ddd3fb6dab08717b04d"`);
        await queryRunner.query(`ALTER TABLE "agreement_payments" DROP CONSTRAINT "FK_58496fefda600010872bbe975a4"`);
        await queryRunner.query(`ALTER TABLE "agreement_payments" DROP CONSTRAINT "FK_b332453599accde6a5a66def8b6"`);
        await queryRunner.query(`ALTER TABLE "agreement_documents" DROP CONSTRAINT "FK_a079c5560a64dc0dba398d92d10"`);
        await queryRunner.query(`ALTER TABLE "media_agreements" DROP CONSTRAINT "FK_77ddd5195753c651315d60216b4"`);
        await queryRunner.query(`ALTER TABLE "media_agreements" DROP CONSTRAINT "FK_61958773f74f84f1d9594521c2c"`);
        await queryRunner.query(`ALTER TABLE "media_agreements" DROP CONSTRAINT "FK_8bf168b2b48dabe1af238992e50"`);
        await queryRunner.query(`ALTER TABLE "transparency_obligation_periods" DROP CONSTRAINT "FK_caddbc16ea653611dead4dd2ff3"`);
        await queryRunner.query(`DROP INDEX "idx_blackout_periods_dates"`);
        await queryRunner.query(`DROP TABLE "blackout_periods"`);
        await queryRunner.query(`DROP TABLE "promotion_watch_names"`);
        await queryRunner.query(`DROP INDEX "idx_campaign_piece_files_piece"`);
        await queryRunner.query(`DROP TABLE "campaign_piece_files"`);
        await queryRunner.query(`DROP INDEX "idx_campaign_pieces_campaign"`);
        await queryRunner.query(`DROP INDEX "idx_campaign_pieces_runs_on"`);
        await queryRunner.query(`DROP TABLE "campaign_pieces"`);
        await queryRunner.query(`DROP TABLE "communication_strategies"`);
        await queryRunner.query(`DROP INDEX "idx_agreement_deliveries_deliverable"`);
        await queryRunner.query(`DROP INDEX "idx_agreement_deliveries_agreement"`);
        await queryRunner.query(`DROP TABLE "agreement_deliveries"`);
        await queryRunner.query(`DROP INDEX "idx_agreement_deliverables_agreement"`);
        await queryRunner.query(`DROP TABLE "agreement_deliverables"`);
        await queryRunner.query(`DROP INDEX "idx_agreement_payments_agreement"`);
        await queryRunner.query(`DROP TABLE "agreement_payments"`);
        await queryRunner.query(`DROP INDEX "idx_agreement_documents_agreement"`);
        await queryRunner.query(`DROP TABLE "agreement_documents"`);
        await queryRunner.query(`DROP INDEX "idx_media_agreements_status"`);
        await queryRunner.query(`DROP INDEX "idx_media_agreements_year"`);
        await queryRunner.query(`DROP INDEX "idx_media_agreements_outlet"`);
        await queryRunner.query(`DROP TABLE "media_agreements"`);
        await queryRunner.query(`DROP TABLE "budget_lines"`);
        await queryRunner.query(`DROP INDEX "idx_campaigns_year"`);
        await queryRunner.query(`DROP TABLE "campaigns"`);
        await queryRunner.query(`DROP TABLE "transparency_obligation_periods"`);
        await queryRunner.query(`DROP TABLE "transparency_columns"`);
        await queryRunner.query(`DROP TABLE "transparency_obligations"`);
    }

}
