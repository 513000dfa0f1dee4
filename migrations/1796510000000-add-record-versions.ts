import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * A version on the shared records that had none (SECURITY.md S22): anonymous discussions, reports to
 * child welfare, users, units and the municipality (its settings). Every change bumps it; it is sent
 * as the ETag and must come back as If-Match (428 without, 412 when stale). Rows start at 1.
 */
export class AddRecordVersions1796510000000 implements MigrationInterface {
    name = 'AddRecordVersions1796510000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "municipality"
            ADD "version" integer NOT NULL DEFAULT '1'
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user"
            ADD "version" integer NOT NULL DEFAULT '1'
        `);
        await queryRunner.query(`
            ALTER TABLE "unit"
            ADD "version" integer NOT NULL DEFAULT '1'
        `);
        await queryRunner.query(`
            ALTER TABLE "anonymous_discussion"
            ADD "version" integer NOT NULL DEFAULT '1'
        `);
        await queryRunner.query(`
            ALTER TABLE "child_welfare_report"
            ADD "version" integer NOT NULL DEFAULT '1'
        `);
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        await queryRunner.query(`
            ALTER TABLE "child_welfare_report" DROP COLUMN "version"
        `);
        await queryRunner.query(`
            ALTER TABLE "anonymous_discussion" DROP COLUMN "version"
        `);
        await queryRunner.query(`
            ALTER TABLE "unit" DROP COLUMN "version"
        `);
        await queryRunner.query(`
            ALTER TABLE "app_user" DROP COLUMN "version"
        `);
        await queryRunner.query(`
            ALTER TABLE "municipality" DROP COLUMN "version"
        `);
    }

}
