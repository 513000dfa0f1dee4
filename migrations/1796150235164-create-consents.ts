import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateConsents1796150235164 implements MigrationInterface {
    name = 'CreateConsents1796150235164'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "consent" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "case_id" uuid NOT NULL,
                "child_id" uuid NOT NULL,
                "version_no" integer NOT NULL DEFAULT '1',
                "previous_version_id" uuid,
                "status" text NOT NULL DEFAULT 'draft',
                "purpose" text NOT NULL,
                "categories" text array NOT NULL,
                "service_ids" uuid array NOT NULL,
                "excluded_user_ids" uuid array NOT NULL DEFAULT '{}',
                "excluded_categories" text array NOT NULL DEFAULT '{}',
                "valid_from" date NOT NULL,
                "valid_to" date NOT NULL,
                "required_signers" jsonb NOT NULL DEFAULT '[]',
                "single_signature_reason" text,
                "created_by_user_id" uuid NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "submitted_at" TIMESTAMP WITH TIME ZONE,
                "activated_at" TIMESTAMP WITH TIME ZONE,
                "declined_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_at" TIMESTAMP WITH TIME ZONE,
                "withdrawn_by_user_id" uuid,
                "withdrawal_reason" text,
                "superseded_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL DEFAULT '1',
                CONSTRAINT "UQ_d2e8855c1e006893920873fac2c" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_9115e8d6b082d4fc46d56134d29" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_2a9eab879f149d4681a4517532" ON "consent" ("municipality_id", "case_id", "status")
        `);
        await queryRunner.query(`
            CREATE TABLE "consent_answer" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "consent_id" uuid NOT NULL,
                "signer_key" text NOT NULL,
                "signer_role" text NOT NULL,
                "signer_user_id" uuid,
                "decision" text NOT NULL,
                "method" text NOT NULL,
                "recorded_by_user_id" uuid,
                "note" text,
                "answered_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_a695fb1af28d5077132b5bc3579" UNIQUE ("consent_id", "signer_key"),
                CONSTRAINT "UQ_b5f62093f6c82794d7d162596f1" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_13a4941f67e5bf359d1b170657c" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinated_case"
            ADD "categories" text array NOT NULL DEFAULT '{other}'
        `);
        await queryRunner.query(`
            ALTER TABLE "case_access_grant"
            ADD "consent_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "case_access_grant"
            ADD "categories" text array
        `);
        await queryRunner.query(`
            ALTER TABLE "case_access_grant"
            ADD "excluded_user_ids" uuid array NOT NULL DEFAULT '{}'
        `);
        await queryRunner.query(`
            ALTER TABLE "case_log_entry"
            ADD "category" text
        `);
        await queryRunner.query(`
            ALTER TABLE "case_log_entry"
            ADD "service_id" uuid
        `);
        await queryRunner.query(`
            ALTER TABLE "case_meeting"
            ADD "category" text NOT NULL DEFAULT 'other'
        `);
        await queryRunner.query(`
            ALTER TABLE "case_goal"
            ADD "category" text NOT NULL DEFAULT 'other'
        `);
        await queryRunner.query(`
            ALTER TABLE "case_measure"
            ADD "category" text NOT NULL DEFAULT 'other'
        `);
        await queryRunner.query(`
            ALTER TABLE "consent"
            ADD CONSTRAINT "FK_a5ad4ca2d85c81940f2f6ef18ca" FOREIGN KEY ("case_id", "municipality_id") REFERENCES "coordinated_case"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consent"
            ADD CONSTRAINT "FK_b57fd4d41249693427b1a5a835b" FOREIGN KEY ("child_id", "municipality_id") REFERENCES "child"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consent"
            ADD CONSTRAINT "FK_68f7fd43cb49c823bef5623d0d2" FOREIGN KEY ("previous_version_id", "municipality_id") REFERENCES "consent"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consent"
            ADD CONSTRAINT "FK_801fc6f89cc5d4f2ce45ecc0998" FOREIGN KEY ("created_by_user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_answer"
            ADD CONSTRAINT "FK_def2b88cadca61dd67fccf43e79" FOREIGN KEY ("consent_id", "municipality_id") REFERENCES "consent"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_answer"
            ADD CONSTRAINT "FK_aa0b5212bb1b49bbc77bc8ec44b" FOREIGN KEY ("signer_user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "consent_answer" DROP CONSTRAINT "FK_aa0b5212bb1b49bbc77bc8ec44b"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent_answer" DROP CONSTRAINT "FK_def2b88cadca61dd67fccf43e79"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent" DROP CONSTRAINT "FK_801fc6f89cc5d4f2ce45ecc0998"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent" DROP CONSTRAINT "FK_68f7fd43cb49c823bef5623d0d2"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent" DROP CONSTRAINT "FK_b57fd4d41249693427b1a5a835b"
        `);
        await queryRunner.query(`
            ALTER TABLE "consent" DROP CONSTRAINT "FK_a5ad4ca2d85c81940f2f6ef18ca"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_measure" DROP COLUMN "category"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_goal" DROP COLUMN "category"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_meeting" DROP COLUMN "category"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_log_entry" DROP COLUMN "service_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_log_entry" DROP COLUMN "category"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_access_grant" DROP COLUMN "excluded_user_ids"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_access_grant" DROP COLUMN "categories"
        `);
        await queryRunner.query(`
            ALTER TABLE "case_access_grant" DROP COLUMN "consent_id"
        `);
        await queryRunner.query(`
            ALTER TABLE "coordinated_case" DROP COLUMN "categories"
        `);
        await queryRunner.query(`
            DROP TABLE "consent_answer"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_2a9eab879f149d4681a4517532"
        `);
        await queryRunner.query(`
            DROP TABLE "consent"
        `);
    }

}
