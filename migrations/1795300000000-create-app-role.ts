import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The application connects as a member of `stafett_app`, which owns nothing: it gets row
 * privileges on tables the migration owner creates, and nothing on the schema itself. Later
 * migrations narrow this (the audit table is insert-only; row-level security on case content).
 * Creating the role needs CREATEROLE; on a managed server create it beforehand (docs/development.md).
 */
export class CreateAppRole1795300000000 implements MigrationInterface {
  name = 'CreateAppRole1795300000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stafett_app') THEN
          CREATE ROLE stafett_app NOLOGIN NOBYPASSRLS;
        END IF;
      END $$`);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO stafett_app`);
    // Readiness compares the applied migrations with the code's list; the table predates this migration.
    await queryRunner.query(`GRANT SELECT ON typeorm_migrations TO stafett_app`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO stafett_app`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO stafett_app`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM stafett_app`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM stafett_app`);
    await queryRunner.query(`REVOKE SELECT ON typeorm_migrations FROM stafett_app`);
    await queryRunner.query(`REVOKE USAGE ON SCHEMA public FROM stafett_app`);
  }
}
