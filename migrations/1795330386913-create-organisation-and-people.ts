import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateOrganisationAndPeople1795330386913 implements MigrationInterface {
    name = 'CreateOrganisationAndPeople1795330386913'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "municipality" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "code" character varying(4) NOT NULL,
                "name" text NOT NULL,
                "settings" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_f01eb47e7b81481ca5a146a786d" UNIQUE ("code"),
                CONSTRAINT "PK_281ad341f20df7c41b83a182e2a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "child" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "given_name" text NOT NULL,
                "family_name" text NOT NULL,
                "birth_date" date NOT NULL,
                "national_id" character varying(11),
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_eeb4b871e1545520da72d05525e" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_4609b9b323ca37c6bc435ec4b6b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d017159111b49f6d4c1bf37bf4" ON "child" ("municipality_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_7c0f4df531af943e5b47601e6f" ON "child" ("municipality_id", "national_id")
            WHERE national_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "service" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "name" text NOT NULL,
                "regime" text NOT NULL,
                CONSTRAINT "UQ_c4d5441a89708ec82c38a1f838d" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_85a21558c006647cd76fdce044b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e7e9d51909b974b18942a71488" ON "service" ("municipality_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "unit" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "service_id" uuid NOT NULL,
                "name" text NOT NULL,
                CONSTRAINT "UQ_8f376bf95eadf9790f81090c409" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_4252c4be609041e559f0c80f58a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_3916449f1a569d79ab3ebeb2c8" ON "unit" ("service_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "enrolment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "child_id" uuid NOT NULL,
                "unit_id" uuid NOT NULL,
                "group_name" text,
                "valid_from" date NOT NULL,
                "valid_to" date,
                CONSTRAINT "PK_5d2679f6c891d77c58aa0e05f2b" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_9bc29dbfed7d6f6956dee78eac" ON "enrolment" ("child_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_a872af4e427539aa4d67a9db18" ON "enrolment" ("municipality_id", "unit_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "app_user" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "display_name" text NOT NULL,
                "issuer" text,
                "subject" text,
                "national_id" character varying(11),
                "active" boolean NOT NULL DEFAULT true,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "UQ_cb6a44b32885604a1a003c46ade" UNIQUE ("issuer", "subject"),
                CONSTRAINT "UQ_479f831658e5e57e12932302e7d" UNIQUE ("municipality_id", "id"),
                CONSTRAINT "PK_22a5c4a3d9b2fb8e4e73fc4ada1" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_6cecf0f20a41280d83a2cbb739" ON "app_user" ("municipality_id")
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_ade2ab679ef375ed16ff3c61a2" ON "app_user" ("municipality_id", "national_id")
            WHERE national_id IS NOT NULL
        `);
        await queryRunner.query(`
            CREATE TABLE "guardianship" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "child_id" uuid NOT NULL,
                "guardian_user_id" uuid NOT NULL,
                "has_parental_responsibility" boolean NOT NULL,
                CONSTRAINT "UQ_2f635905eb885f0271ce995cea1" UNIQUE ("child_id", "guardian_user_id"),
                CONSTRAINT "PK_ef629610e5ed1073b61309dbc81" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_84f451892b07e01a6424ec5851" ON "guardianship" ("guardian_user_id")
        `);
        await queryRunner.query(`
            CREATE TABLE "role_assignment" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "municipality_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "unit_id" uuid,
                "role" text NOT NULL,
                CONSTRAINT "PK_7e79671a8a5db18936173148cb4" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_bcaaa58c4076bf41b3a8f854b0" ON "role_assignment" ("unit_id")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_e41cb9d37a9d001afe8b8bc7a8" ON "role_assignment" ("municipality_id", "user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "child"
            ADD CONSTRAINT "FK_d017159111b49f6d4c1bf37bf43" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "service"
            ADD CONSTRAINT "FK_e7e9d51909b974b18942a71488e" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "unit"
            ADD CONSTRAINT "FK_055b71725d358d016119badb145" FOREIGN KEY ("service_id", "municipality_id") REFERENCES "service"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "enrolment"
            ADD CONSTRAINT "FK_7265e49279cab1cf3596a4ce0af" FOREIGN KEY ("child_id", "municipality_id") REFERENCES "child"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "enrolment"
            ADD CONSTRAINT "FK_a872af4e427539aa4d67a9db18b" FOREIGN KEY ("unit_id", "municipality_id") REFERENCES "unit"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD CONSTRAINT "FK_6cecf0f20a41280d83a2cbb7390" FOREIGN KEY ("municipality_id") REFERENCES "municipality"("id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "guardianship"
            ADD CONSTRAINT "FK_cefdfc64b0f20643cc1277e7858" FOREIGN KEY ("child_id", "municipality_id") REFERENCES "child"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "guardianship"
            ADD CONSTRAINT "FK_815bf52034d27201210477df1f4" FOREIGN KEY ("guardian_user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "role_assignment"
            ADD CONSTRAINT "FK_e41cb9d37a9d001afe8b8bc7a8c" FOREIGN KEY ("user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
        await queryRunner.query(`
            ALTER TABLE "role_assignment"
            ADD CONSTRAINT "FK_aab871c7c87ff935c0ee596dc00" FOREIGN KEY ("unit_id", "municipality_id") REFERENCES "unit"("id", "municipality_id") ON DELETE RESTRICT ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "role_assignment" DROP CONSTRAINT "FK_aab871c7c87ff935c0ee596dc00"
        `);
        await queryRunner.query(`
            ALTER TABLE "role_assignment" DROP CONSTRAINT "FK_e41cb9d37a9d001afe8b8bc7a8c"
        `);
        await queryRunner.query(`
            ALTER TABLE "guardianship" DROP CONSTRAINT "FK_815bf52034d27201210477df1f4"
        `);
        await queryRunner.query(`
            ALTER TABLE "guardianship" DROP CONSTRAINT "FK_cefdfc64b0f20643cc1277e7858"
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user" DROP CONSTRAINT "FK_6cecf0f20a41280d83a2cbb7390"
        `);
        await queryRunner.query(`
            ALTER TABLE "enrolment" DROP CONSTRAINT "FK_a872af4e427539aa4d67a9db18b"
        `);
        await queryRunner.query(`
            ALTER TABLE "enrolment" DROP CONSTRAINT "FK_7265e49279cab1cf3596a4ce0af"
        `);
        await queryRunner.query(`
            ALTER TABLE "unit" DROP CONSTRAINT "FK_055b71725d358d016119badb145"
        `);
        await queryRunner.query(`
            ALTER TABLE "service" DROP CONSTRAINT "FK_e7e9d51909b974b18942a71488e"
        `);
        await queryRunner.query(`
            ALTER TABLE "child" DROP CONSTRAINT "FK_d017159111b49f6d4c1bf37bf43"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e41cb9d37a9d001afe8b8bc7a8"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_bcaaa58c4076bf41b3a8f854b0"
        `);
        await queryRunner.query(`
            DROP TABLE "role_assignment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_84f451892b07e01a6424ec5851"
        `);
        await queryRunner.query(`
            DROP TABLE "guardianship"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_ade2ab679ef375ed16ff3c61a2"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_6cecf0f20a41280d83a2cbb739"
        `);
        await queryRunner.query(`
            DROP TABLE "app_user"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_a872af4e427539aa4d67a9db18"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9bc29dbfed7d6f6956dee78eac"
        `);
        await queryRunner.query(`
            DROP TABLE "enrolment"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_3916449f1a569d79ab3ebeb2c8"
        `);
        await queryRunner.query(`
            DROP TABLE "unit"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_e7e9d51909b974b18942a71488"
        `);
        await queryRunner.query(`
            DROP TABLE "service"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_7c0f4df531af943e5b47601e6f"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d017159111b49f6d4c1bf37bf4"
        `);
        await queryRunner.query(`
            DROP TABLE "child"
        `);
        await queryRunner.query(`
            DROP TABLE "municipality"
        `);
    }

}
