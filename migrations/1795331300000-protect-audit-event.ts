import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail is append-only: the application role may only INSERT and SELECT, and triggers
 * refuse UPDATE, DELETE and TRUNCATE for every role, the owner included (SECURITY.md S12).
 */
export class ProtectAuditEvent1795331300000 implements MigrationInterface {
  name = 'ProtectAuditEvent1795331300000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM stafett_app`);
    await queryRunner.query(`
      CREATE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_refuse_change()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
      FOR EACH STATEMENT EXECUTE FUNCTION audit_event_refuse_change()`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER audit_event_no_truncate ON audit_event`);
    await queryRunner.query(`DROP TRIGGER audit_event_append_only ON audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_event_refuse_change()`);
    await queryRunner.query(`GRANT UPDATE, DELETE, TRUNCATE ON audit_event TO stafett_app`);
  }
}
