import { createEmptyDatabase, createTestDatabase, queryOnce, superuserUrl, TestDatabase } from '@stafett/testing';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { auditTableWeaknesses } from '../../apps/api/src/audit/audit-protection';
import { verifyAuditTrail } from '../../apps/api/src/audit/audit-verifier';
import { AuditService } from '../../apps/api/src/audit/audit.service';
import { AppConfig } from '../../apps/api/src/config/app-config';
import { dataSourceOptions } from '../../apps/api/src/database/data-source-options';

const KEY = 'ownership-audit-key-'.padEnd(48, 'o');
const M = '55555555-5555-4555-8555-555555555555';
/** The exact SQL a DBA runs as superuser (as printed for psql); tools/test.mjs ran it on the template of every test database. */
const SEAL_SQL = execFileSync(process.execPath, [join(__dirname, '../../tools/seal-audit.mjs'), '--print'], { encoding: 'utf8' });

const weaknessesAt = async (url: string) => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await auditTableWeaknesses(async <T>(sql: string) => (await client.query(sql)).rows as T[]);
  } finally {
    await client.end();
  }
};

describe('audit_event is owned by a role nobody logs in as (SECURITY.md S28)', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    const app = await new DataSource(dataSourceOptions(db.appUrl, { extra: { max: 1 } })).initialize();
    const audit = new AuditService({ auditHmacKey: KEY } as AppConfig);
    for (let i = 0; i < 3; i++) {
      await app.transaction((em) => audit.record(em, { municipalityId: M, action: 'read', recordType: 'child', outcome: 'success' }));
    }
    await app.destroy();
  });
  afterAll(() => db?.drop());

  it('belongs to stafett_audit, which cannot log in and has no members; so does its trigger function', async () => {
    const [table] = await queryOnce(
      db.ownerUrl,
      `SELECT r.rolname AS owner, r.rolcanlogin AS "canLogIn",
              (SELECT count(*)::int FROM pg_auth_members WHERE roleid = r.oid) AS members,
              (SELECT string_agg(DISTINCT p.proowner::regrole::text, ',') FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
                WHERE t.tgrelid = c.oid AND NOT t.tgisinternal) AS "triggerFunctionOwner"
         FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE c.oid = 'public.audit_event'::regclass`,
    );
    expect(table).toEqual({ owner: 'stafett_audit', canLogIn: false, members: 0, triggerFunctionOwner: 'stafett_audit' });
    expect(await weaknessesAt(db.ownerUrl)).toEqual([]);
  });

  it('refuses the migration login (stafett_owner) every way of removing events or their protection', async () => {
    const asOwner = (sql: string) => queryOnce(db.ownerUrl, sql);
    await expect(asOwner('ALTER TABLE audit_event DISABLE TRIGGER ALL')).rejects.toThrow('must be owner of table audit_event');
    await expect(asOwner('ALTER TABLE audit_event DISABLE TRIGGER USER')).rejects.toThrow('must be owner of table audit_event');
    await expect(asOwner('ALTER TABLE audit_event OWNER TO stafett_owner')).rejects.toThrow('must be owner of table audit_event');
    await expect(asOwner('DELETE FROM audit_event')).rejects.toThrow('permission denied for table audit_event');
    await expect(asOwner(`UPDATE audit_event SET basis = 'emergency'`)).rejects.toThrow('permission denied for table audit_event');
    await expect(asOwner('TRUNCATE audit_event')).rejects.toThrow('permission denied for table audit_event');
    // As owner of schema public it could drop any table in it: the event trigger refuses this one.
    await expect(asOwner('DROP TABLE audit_event')).rejects.toThrow('audit_event is sealed: DROP TABLE refused (public.audit_event)');
    await expect(asOwner('DROP FUNCTION audit_event_refuse_change() CASCADE')).rejects.toThrow(
      /audit_event is sealed: DROP FUNCTION refused \(audit_event_\w+ on public\.audit_event\)/,
    );
    await expect(asOwner('DROP SCHEMA public CASCADE')).rejects.toThrow('audit_event is sealed: DROP SCHEMA refused');
    await expect(asOwner('ALTER SCHEMA public RENAME TO elsewhere')).rejects.toThrow('audit_event is sealed: ALTER SCHEMA refused');
    await expect(
      asOwner(`CREATE OR REPLACE FUNCTION audit_event_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$`),
    ).rejects.toThrow('must be owner of function audit_event_refuse_change');
    await expect(asOwner('DROP EVENT TRIGGER stafett_audit_refuse_drop')).rejects.toThrow('must be owner of event trigger');
    await expect(asOwner('ALTER EVENT TRIGGER stafett_audit_refuse_drop DISABLE')).rejects.toThrow('must be owner of event trigger');
    await expect(asOwner('SET session_replication_role = replica')).rejects.toThrow('permission denied to set parameter');
    await expect(asOwner('SET ROLE stafett_audit')).rejects.toThrow('permission denied to set role "stafett_audit"');
    // It still reads the trail: the verifier and backups run as this login.
    await expect(asOwner('SELECT count(*)::int AS n FROM audit_event')).resolves.toEqual([{ n: 3 }]);
  });

  it('refuses the API login the same, and lets it append and read', async () => {
    const asApp = (sql: string) => queryOnce(db.appUrl, sql);
    await expect(asApp('ALTER TABLE audit_event DISABLE TRIGGER ALL')).rejects.toThrow('must be owner of table audit_event');
    await expect(asApp('DELETE FROM audit_event')).rejects.toThrow('permission denied for table audit_event');
    await expect(asApp('TRUNCATE audit_event')).rejects.toThrow('permission denied for table audit_event');
    await expect(asApp('DROP TABLE audit_event')).rejects.toThrow('must be owner of table audit_event');
    await expect(asApp('SET ROLE stafett_audit')).rejects.toThrow('permission denied to set role "stafett_audit"');
    const app = await new DataSource(dataSourceOptions(db.appUrl, { extra: { max: 1 } })).initialize();
    try {
      await app.transaction((em) =>
        new AuditService({ auditHmacKey: KEY } as AppConfig).record(em, {
          municipalityId: M,
          action: 'read',
          recordType: 'child',
          outcome: 'success',
        }),
      );
      expect(await verifyAuditTrail(app, KEY)).toMatchObject({ chains: 1, rows: 4, firstBreak: null, problems: [], warnings: [] });
    } finally {
      await app.destroy();
    }
  });

  it('names a login role that can act as the owner, and sealing again takes that away (the migration window)', async () => {
    // In one transaction, rolled back: role membership is cluster-wide and other test files run alongside.
    const client = new Client({ connectionString: superuserUrl(db.name) });
    await client.connect();
    const weaknesses = async () => auditTableWeaknesses(async <T>(sql: string) => (await client.query(sql)).rows as T[]);
    try {
      await client.query('BEGIN');
      await client.query('GRANT stafett_audit TO stafett_owner');
      expect(await weaknesses()).toEqual([
        `login role(s) stafett_owner can act as audit_event's owner stafett_audit: seal it as a superuser with tools/seal-audit.mjs (README, "Your own PostgreSQL")`,
      ]);
      await client.query(SEAL_SQL.replace(/^(BEGIN|COMMIT);$/gm, ''));
      expect(await weaknesses()).toEqual([]);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  describe('on a database migrated but never sealed', () => {
    let empty: TestDatabase;
    beforeAll(async () => {
      empty = await createEmptyDatabase();
      const owner = await new DataSource(dataSourceOptions(empty.ownerUrl, { extra: { max: 1 } })).initialize();
      await owner.runMigrations({ transaction: 'each' });
      await owner.destroy();
    });
    afterAll(() => empty?.drop());

    it('says the owner can disable the triggers, until tools/seal-audit.mjs is run; and that SQL can run again', async () => {
      expect(await weaknessesAt(empty.ownerUrl)).toEqual([
        `audit_event is owned by stafett_owner, a login role, which can disable its triggers and delete events: seal it as a superuser with tools/seal-audit.mjs (README, "Your own PostgreSQL")`,
        `nothing stops the owner of schema public from dropping audit_event: seal it as a superuser with tools/seal-audit.mjs (README, "Your own PostgreSQL")`,
      ]);
      await queryOnce(superuserUrl(empty.name), SEAL_SQL);
      await queryOnce(superuserUrl(empty.name), SEAL_SQL);
      expect(await weaknessesAt(empty.ownerUrl)).toEqual([]);
      await expect(queryOnce(empty.ownerUrl, 'ALTER TABLE audit_event DISABLE TRIGGER ALL')).rejects.toThrow(
        'must be owner of table audit_event',
      );
    });
  });
});
