import type { RunQuery } from './audit-heads';

const SEAL = 'seal it as a superuser with tools/seal-audit.mjs (README, "Your own PostgreSQL")';

/**
 * What is still open about audit_event's protection (SECURITY.md S28): a table owned by a login
 * role, or one a login role can act as, can have its triggers disabled and its rows deleted; without
 * the event trigger the owner of schema public can drop it. One sentence each; empty when sealed.
 */
export async function auditTableWeaknesses(query: RunQuery): Promise<string[]> {
  const rows = await query<{ owner: string; ownerLogsIn: boolean; actingAsOwner: string[] | null; dropGuard: boolean }>(
    `SELECT r.rolname AS owner, r.rolcanlogin AS "ownerLogsIn",
            (SELECT array_agg(m.rolname::text ORDER BY m.rolname) FROM pg_roles m
              WHERE m.rolcanlogin AND NOT m.rolsuper AND m.oid <> r.oid AND pg_has_role(m.oid, r.oid, 'MEMBER')) AS "actingAsOwner",
            EXISTS (SELECT 1 FROM pg_event_trigger WHERE evtname = 'stafett_audit_refuse_drop' AND evtenabled <> 'D') AS "dropGuard"
       FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner
      WHERE c.oid = to_regclass('public.audit_event')`,
  );
  if (rows.length === 0) return [];
  const [t] = rows;
  const weaknesses: string[] = [];
  if (t.ownerLogsIn) {
    weaknesses.push(`audit_event is owned by ${t.owner}, a login role, which can disable its triggers and delete events: ${SEAL}`);
  }
  if (t.actingAsOwner?.length) {
    weaknesses.push(`login role(s) ${t.actingAsOwner.join(', ')} can act as audit_event's owner ${t.owner}: ${SEAL}`);
  }
  if (!t.dropGuard) weaknesses.push(`nothing stops the owner of schema public from dropping audit_event: ${SEAL}`);
  return weaknesses;
}
