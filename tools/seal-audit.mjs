// The superuser step that seals the audit trail (SECURITY.md S28). Run it after every migration
// run; it is idempotent. `npm start` (embedded PostgreSQL) and `npm test` run it through
// sealAuditTrail() in tools/postgres.mjs. With your own PostgreSQL a DBA runs it:
//   node tools/seal-audit.mjs --print | psql -v ON_ERROR_STOP=1 "postgres://<superuser>@db.example/stafett"
// or `node tools/seal-audit.mjs "postgres://<superuser>@db.example/stafett"`.
//
// After it, audit_event belongs to stafett_audit, a role nobody logs in as and nobody is a member
// of: neither the application's login nor the migration login can ALTER the table, disable its
// triggers, DELETE, UPDATE or TRUNCATE; the schema owner cannot DROP it (the event triggers).
// stafett_owner keeps SELECT (the verifier, backups); stafett_app keeps INSERT and SELECT.
import { pathToFileURL } from 'node:url';

export const SEAL_AUDIT_SQL = `BEGIN;

-- Waits for a migration run in progress (the API holds this lock for its whole run,
-- apps/api/src/database/prepare-database.ts), so that a seal never closes its window halfway.
SELECT pg_advisory_xact_lock(hashtextextended('stafett:migrations', 0));

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stafett_audit') THEN
    CREATE ROLE stafett_audit NOLOGIN NOINHERIT;
  END IF;
END $$;

-- Nobody may act as the owner: this also closes a migration window (GRANT stafett_audit TO stafett_owner).
DO $$ DECLARE m record; BEGIN
  FOR m IN SELECT member::regrole AS member, grantor::regrole AS grantor FROM pg_auth_members
            WHERE roleid = 'stafett_audit'::regrole LOOP
    EXECUTE format('REVOKE stafett_audit FROM %s GRANTED BY %s', m.member, m.grantor);
  END LOOP;
END $$;

ALTER TABLE public.audit_event OWNER TO stafett_audit;
-- A trigger function's owner could replace its body with one that lets every change through.
DO $$ DECLARE f regprocedure; BEGIN
  FOR f IN SELECT DISTINCT tgfoid::regprocedure FROM pg_trigger
            WHERE tgrelid = 'public.audit_event'::regclass AND NOT tgisinternal LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO stafett_audit', f);
  END LOOP;
END $$;
GRANT SELECT ON public.audit_event TO stafett_owner;
REVOKE UPDATE, DELETE, TRUNCATE ON public.audit_event FROM stafett_app;

-- The owner of schema public (the database owner) may drop any table in it, and drop the trigger
-- function with CASCADE. These event triggers refuse that to everyone who cannot act as
-- stafett_audit; they and their functions belong to the superuser, in a schema stafett_owner
-- cannot drop.
CREATE SCHEMA IF NOT EXISTS stafett_audit AUTHORIZATION stafett_audit;

CREATE OR REPLACE FUNCTION stafett_audit.refuse_drop() RETURNS event_trigger LANGUAGE plpgsql AS $$
DECLARE o record;
BEGIN
  IF pg_has_role(current_user, 'stafett_audit', 'USAGE') THEN RETURN; END IF;
  FOR o IN SELECT * FROM pg_event_trigger_dropped_objects() LOOP
    IF (o.object_type = 'table' AND o.object_identity = 'public.audit_event')
       OR (o.object_type = 'trigger' AND o.object_identity LIKE '% on public.audit_event') THEN
      RAISE EXCEPTION 'audit_event is sealed: % refused (%)', tg_tag, o.object_identity USING ERRCODE = 'insufficient_privilege';
    END IF;
  END LOOP;
END $$;

CREATE OR REPLACE FUNCTION stafett_audit.refuse_move() RETURNS event_trigger LANGUAGE plpgsql AS $$
BEGIN
  IF pg_has_role(current_user, 'stafett_audit', 'USAGE') THEN RETURN; END IF;
  IF to_regclass('public.audit_event') IS NULL THEN
    RAISE EXCEPTION 'audit_event is sealed: % refused (it would move public.audit_event)', tg_tag USING ERRCODE = 'insufficient_privilege';
  END IF;
END $$;

DROP EVENT TRIGGER IF EXISTS stafett_audit_refuse_drop;
CREATE EVENT TRIGGER stafett_audit_refuse_drop ON sql_drop EXECUTE FUNCTION stafett_audit.refuse_drop();
DROP EVENT TRIGGER IF EXISTS stafett_audit_refuse_move;
CREATE EVENT TRIGGER stafett_audit_refuse_move ON ddl_command_end WHEN TAG IN ('ALTER SCHEMA')
  EXECUTE FUNCTION stafett_audit.refuse_move();

COMMIT;
`;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [target] = process.argv.slice(2);
  if (target === '--print') {
    process.stdout.write(SEAL_AUDIT_SQL);
  } else if (target) {
    const { default: pg } = await import('pg');
    const client = new pg.Client(target);
    await client.connect();
    try {
      await client.query(SEAL_AUDIT_SQL);
      console.log('audit_event sealed: owned by stafett_audit');
    } finally {
      await client.end();
    }
  } else {
    console.error('usage: node tools/seal-audit.mjs --print | <superuser URL of the stafett database>');
    process.exit(2);
  }
}
