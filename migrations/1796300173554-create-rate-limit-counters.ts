import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Rate-limit windows shared by every replica (apps/api/src/rate-limits). No personal data: keys
 * are HMACs. The app role counts hits (INSERT … ON CONFLICT DO UPDATE … RETURNING needs SELECT,
 * INSERT, UPDATE) and deletes ended windows; the default privileges grant exactly that, and the
 * grant below says so where a reader looks.
 */
export class CreateRateLimitCounters1796300173554 implements MigrationInterface {
    name = 'CreateRateLimitCounters1796300173554'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            CREATE TABLE "rate_limit_counter" (
                "key" text NOT NULL,
                "hits" integer NOT NULL,
                "window_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "blocked_until" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_5bfa3ad3fe33321b1d17eae4746" PRIMARY KEY ("key")
            )
        `);
        await queryRunner.query(`
            CREATE INDEX "IDX_d97e0560ec04edcb002e0c5c21" ON "rate_limit_counter" ("window_ends_at")
        `);
        await queryRunner.query(`
            GRANT SELECT, INSERT, UPDATE, DELETE ON "rate_limit_counter" TO stafett_app
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            DROP INDEX "public"."IDX_d97e0560ec04edcb002e0c5c21"
        `);
        await queryRunner.query(`
            DROP TABLE "rate_limit_counter"
        `);
    }

}
