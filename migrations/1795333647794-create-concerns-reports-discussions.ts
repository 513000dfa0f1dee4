import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateConcernsReportsDiscussions1795333647794 implements MigrationInterface {
    name = 'CreateConcernsReportsDiscussions1795333647794'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "concern" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "unit_id" uuid NOT NULL,
                "child_id" uuid NOT NULL,
                "author_user_id" uuid NOT NULL,
                "arose_on" date NOT NULL,
                "observed_by" text NOT NULL,
                "description" text NOT NULL,
                "child_words" text,
                "categories" text array NOT NULL,
                "talked_with_child_on" date,
                "talked_with_guardians_on" date,
                "guardians_not_talked_reason" text,
                "shared_with_colleague_on" date,
                "shared_with_unit" boolean NOT NULL DEFAULT false,
                "decision_due_on" date NOT NULL,
                "status" text NOT NULL DEFAULT 'open',
                "decision" text,
                "decision_reason" text,
                "requested_case_level" smallint,
                "decided_by_user_id" uuid,
                "decided_at" TIMESTAMP WITH TIME ZONE,
                "version" integer NOT NULL DEFAULT '1',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_01dab223c777c0c4fbd9200d027" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_17272f51582db9d4ed6af9c7007" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_945a27196865dea563860edd85" ON "concern" ("child_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_af848aa638a9263e7ab9afe12b" ON "concern" ("municipality_id", "author_user_id", "status")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_caed2424c9f0ad036a000bc280" ON "concern" ("municipality_id", "unit_id", "status")
        `);
        await queryRunner.query(`
            CREATE TABLE "anonymous_discussion" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "author_user_id" uuid NOT NULL,
                "author_unit_id" uuid NOT NULL,
                "linked_concern_id" uuid,
                "topic" text NOT NULL,
                "description" text NOT NULL,
                "age_band" text,
                "categories" text array NOT NULL DEFAULT '{}',
                "identifiability_warning" boolean NOT NULL DEFAULT false,
                "status" text NOT NULL DEFAULT 'open',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_ab1ff226226bca86a66f17f317e" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_f2e8b0a6d4b28ee9db77d128b93" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_7fe4d82c0359e6bee17933106d" ON "anonymous_discussion" ("municipality_id", "author_user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "discussion_invitation" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "discussion_id" uuid NOT NULL,
                "unit_id" uuid NOT NULL,
                CONSTRAINT "UQ_12b735582c523c459ca6ad9d3ef" UNIQUE ("discussion_id", "unit_id"),
                CONSTRAINT "PK_332a42f1196dd8ef57f3538428d" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_263614496c36540c30c960315f" ON "discussion_invitation" ("municipality_id", "unit_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "discussion_advice" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "discussion_id" uuid NOT NULL,
                "author_user_id" uuid NOT NULL,
                "author_unit_id" uuid NOT NULL,
                "text" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_ea67c730243448f98bae868fdaf" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bbc2411a99de87f63037b19df3" ON "discussion_advice" ("discussion_id", "created_at")
        `);
        await queryRunner.query(`
            CREATE TABLE "child_welfare_report" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "child_id" uuid NOT NULL,
                "reporter_user_id" uuid NOT NULL,
                "reporter_unit_id" uuid NOT NULL,
                "concern_id" uuid,
                "content" text NOT NULL,
                "urgent" boolean NOT NULL DEFAULT false,
                "submitted_on" date NOT NULL,
                "review_due_on" date NOT NULL,
                "receipt_due_on" date NOT NULL,
                "reviewed_at" TIMESTAMP WITH TIME ZONE,
                "reviewed_by_user_id" uuid,
                "receipt_confirmed_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_6a46bf1e957cab84b5685c70002" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_b57c34af7a1bf3e8565a7044872" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_162bd3b1f84c9d3fc40f79b2e7" ON "child_welfare_report" ("child_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_1ad4bbfddf325c028af0ba29a4" ON "child_welfare_report" ("municipality_id", "reporter_unit_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_5457a2992b70fe3c27898c2e8c" ON "child_welfare_report" ("municipality_id", "reporter_user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "concern"
            ADD CONSTRAINT "FK_20b24bae108fc2d81f50ebf3d0c" FOREIGN KEY ("unit_id", "municipality_id") REFERENCES "unit"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "concern"
            ADD CONSTRAINT "FK_72ffc15e92bc97473453d2b8751" FOREIGN KEY ("child_id", "municipality_id") REFERENCES "child"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "concern"
            ADD CONSTRAINT "FK_94f1e16d9331a8a4502fc3756c1" FOREIGN KEY ("author_user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "anonymous_discussion"
            ADD CONSTRAINT "FK_6504ea56a11bca660fe56dbe126" FOREIGN KEY ("author_unit_id", "municipality_id") REFERENCES "unit"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "anonymous_discussion"
            ADD CONSTRAINT "FK_6142cdf5eb31078dd94c93b264b" FOREIGN KEY ("linked_concern_id", "municipality_id") REFERENCES "concern"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_invitation"
            ADD CONSTRAINT "FK_03a34013cc9494b03fab35c55d6" FOREIGN KEY ("discussion_id", "municipality_id") REFERENCES "anonymous_discussion"("id", "municipality_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_invitation"
            ADD CONSTRAINT "FK_263614496c36540c30c960315f4" FOREIGN KEY ("unit_id", "municipality_id") REFERENCES "unit"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_advice"
            ADD CONSTRAINT "FK_db85b34e7e13f05b51bc39d5369" FOREIGN KEY ("discussion_id", "municipality_id") REFERENCES "anonymous_discussion"("id", "municipality_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "child_welfare_report"
            ADD CONSTRAINT "FK_25b60be720d84e295f2f8560180" FOREIGN KEY ("child_id", "municipality_id") REFERENCES "child"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "child_welfare_report"
            ADD CONSTRAINT "FK_1ad4bbfddf325c028af0ba29a41" FOREIGN KEY ("reporter_unit_id", "municipality_id") REFERENCES "unit"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "child_welfare_report" DROP CONSTRAINT "FK_1ad4bbfddf325c028af0ba29a41"
        `);
        await queryRunner.query(`
            ALTER TABLE "child_welfare_report" DROP CONSTRAINT "FK_25b60be720d84e295f2f8560180"
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_advice" DROP CONSTRAINT "FK_db85b34e7e13f05b51bc39d5369"
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_invitation" DROP CONSTRAINT "FK_263614496c36540c30c960315f4"
        `);
        await queryRunner.query(`
            ALTER TABLE "discussion_invitation" DROP CONSTRAINT "FK_03a34013cc9494b03fab35c55d6"
        `);
        await queryRunner.query(`
            ALTER TABLE "anonymous_discussion" DROP CONSTRAINT "FK_6142cdf5eb31078dd94c93b264b"
        `);
        await queryRunner.query(`
            ALTER TABLE "anonymous_discussion" DROP CONSTRAINT "FK_6504ea56a11bca660fe56dbe126"
        `);
        await queryRunner.query(`
            ALTER TABLE "concern" DROP CONSTRAINT "FK_94f1e16d9331a8a4502fc3756c1"
        `);
        await queryRunner.query(`
            ALTER TABLE "concern" DROP CONSTRAINT "FK_72ffc15e92bc97473453d2b8751"
        `);
        await queryRunner.query(`
            ALTER TABLE "concern" DROP CONSTRAINT "FK_20b24bae108fc2d81f50ebf3d0c"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_5457a2992b70fe3c27898c2e8c"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_1ad4bbfddf325c028af0ba29a4"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_162bd3b1f84c9d3fc40f79b2e7"
        `);
        await queryRunner.query(`
            DROP TABLE "child_welfare_report"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bbc2411a99de87f63037b19df3"
        `);
        await queryRunner.query(`
            DROP TABLE "discussion_advice"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_263614496c36540c30c960315f"
        `);
        await queryRunner.query(`
            DROP TABLE "discussion_invitation"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7fe4d82c0359e6bee17933106d"
        `);
        await queryRunner.query(`
            DROP TABLE "anonymous_discussion"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_caed2424c9f0ad036a000bc280"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_af848aa638a9263e7ab9afe12b"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_945a27196865dea563860edd85"
        `);
        await queryRunner.query(`
            DROP TABLE "concern"
        `);
    }

}
