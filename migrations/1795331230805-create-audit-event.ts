import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateAuditEvent1795331230805 implements MigrationInterface {
    name = 'CreateAuditEvent1795331230805'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "audit_event" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "chain" text NOT NULL,
                "seq" bigint NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "municipality_id" uuid,
                "actor_user_id" uuid,
                "actor_role" text,
                "actor_unit_id" uuid,
                "subject_child_id" uuid,
                "action" text NOT NULL,
                "record_type" text NOT NULL,
                "record_id" text,
                "category" text,
                "basis" text,
                "basis_ref" uuid,
                "outcome" text NOT NULL,
                "request_id" text,
                "prev_hash" text NOT NULL,
                "hash" text NOT NULL,
                CONSTRAINT "UQ_f542faa6f94c43e6d74823d9bce" UNIQUE ("chain", "seq"),
                CONSTRAINT "PK_481efbe8b0a403efe3f47a6528f" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d690f04a750bb51e9566e837da" ON "audit_event" (
                "municipality_id",
                "subject_child_id",
                "occurred_at"
            )
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d690f04a750bb51e9566e837da"
        `);
        await queryRunner.query(`
            DROP TABLE "audit_event"
        `);
    }

}
