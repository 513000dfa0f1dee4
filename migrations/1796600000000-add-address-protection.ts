import { MigrationInterface, QueryRunner } from "typeorm";

const TABLES = ["child", "app_user"];

/**
 * Address protection from the population register (SECURITY.md S32) on children and on the citizens
 * who are their guardians: `strengt_fortrolig` or `fortrolig`, null when none. What the family portal,
 * the access log and notices may show a guardian depends on both.
 */
export class AddAddressProtection1796600000000 implements MigrationInterface {
    name = 'AddAddressProtection1796600000000'

    public async up(queryRunner: QueryRunner): Promise<void> {
        for (const table of TABLES) {
            await queryRunner.query(`ALTER TABLE "${table}" ADD "address_protection" text`);
            await queryRunner.query(
                `ALTER TABLE "${table}" ADD CONSTRAINT "CHK_${table}_address_protection" CHECK ("address_protection" IN ('strengt_fortrolig', 'fortrolig'))`,
            );
        }
    }

    public async down(queryRunner: QueryRunner): Promise<void> {
        for (const table of [...TABLES].reverse()) {
            await queryRunner.query(`ALTER TABLE "${table}" DROP CONSTRAINT "CHK_${table}_address_protection"`);
            await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "address_protection"`);
        }
    }
}
