import { MigrationInterface, QueryRunner } from "typeorm";

/** The shared records that had no version; each gets one, the same way. */
const TABLES = ["municipality", "app_user", "unit", "anonymous_discussion", "child_welfare_report"];

/**
 * A version on the shared records that had none (SECURITY.md S22): anonymous discussions, reports to
 * child welfare, users, units and the municipality (its settings). Every change bumps it; it is sent
 * as the ETag and must come back as If-Match (428 without, 412 when stale). Rows start at 1.
 */
export class AddRecordVersions1796510000000 implements MigrationInterface {
    name = 'AddRecordVersions1796510000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const table of TABLES) {
            await queryRunner.query(`ALTER TABLE "${table}" ADD "version" integer NOT NULL DEFAULT '1'`);
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of [...TABLES].reverse()) {
            await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "version"`);
        }
    }
}
