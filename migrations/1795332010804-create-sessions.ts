import { MigrationInterface, QueryRunner } from "typeorm";

export class CreateSessions1795332010804 implements MigrationInterface {
    name = 'CreateSessions1795332010804'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "login_attempt" (
                "state" text NOT NULL,
                "audience" text NOT NULL,
                "code_verifier" text NOT NULL,
                "nonce" text NOT NULL,
                "return_to" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_a676c20ef49135965d141627a7b" PRIMARY KEY ("state")
            )
        `);
        await queryRunner.query(`
            CREATE TABLE "user_session" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "token_hash" text NOT NULL,
                "municipality_id" uuid NOT NULL,
                "user_id" uuid NOT NULL,
                "audience" text NOT NULL,
                "csrf_token" text NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "ended_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_adf3b49590842ac3cf54cac451a" PRIMARY KEY ("id")
            )
        `);
        await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_9ccf6d901cef4067214284f327" ON "user_session" ("token_hash")
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_13275383dcdf095ee29f2b3455" ON "user_session" ("user_id")
        `);
        await queryRunner.query(`
            ALTER TABLE "user_session"
            ADD CONSTRAINT "FK_62d31ad01614f1c81493e2a6523" FOREIGN KEY ("user_id", "municipality_id") REFERENCES "app_user"("id", "municipality_id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "user_session" DROP CONSTRAINT "FK_62d31ad01614f1c81493e2a6523"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_13275383dcdf095ee29f2b3455"
        `);
        await queryRunner.query(`
            DROP INDEX "public"."IDX_9ccf6d901cef4067214284f327"
        `);
        await queryRunner.query(`
            DROP TABLE "user_session"
        `);
        await queryRunner.query(`
            DROP TABLE "login_attempt"
        `);
    }

}
