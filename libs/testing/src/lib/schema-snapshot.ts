import { queryOnce } from './test-database';

/**
 * A comparable description of the public schema: tables, columns, constraints, indexes, RLS
 * policies, triggers, grants, functions, aggregates and views. Two databases with equal snapshots have the same schema.
 */
export async function schemaSnapshot(url: string): Promise<Record<string, unknown[]>> {
  const q = (sql: string) => queryOnce(url, sql);
  return {
    columns: await q(`SELECT table_name, column_name, data_type, is_nullable, column_default
                        FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`),
    constraints: await q(`SELECT conrelid::regclass::text AS tbl, conname, pg_get_constraintdef(oid) AS def
                            FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`),
    indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`),
    policies: await q(
      `SELECT tablename, policyname, cmd, roles::text, qual, with_check FROM pg_policies WHERE schemaname = 'public' ORDER BY 1, 2`,
    ),
    rls: await q(`SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
                   WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' ORDER BY 1`),
    triggers: await q(`SELECT event_object_table, trigger_name, action_timing, event_manipulation, action_statement
                         FROM information_schema.triggers WHERE trigger_schema = 'public' ORDER BY 1, 2, 4`),
    grants: await q(`SELECT table_name, grantee, privilege_type FROM information_schema.role_table_grants
                      WHERE table_schema = 'public' AND grantee <> 'stafett_owner' ORDER BY 1, 2, 3`),
    functions: await q(
      `SELECT proname, pg_get_functiondef(oid) AS def FROM pg_proc WHERE pronamespace = 'public'::regnamespace AND prokind <> 'a' ORDER BY 1, 2`,
    ),
    aggregates:
      await q(`SELECT p.proname, pg_get_function_arguments(p.oid) AS args, a.aggtransfn::text AS transition, a.aggtranstype::regtype::text AS state
                           FROM pg_proc p JOIN pg_aggregate a ON a.aggfnoid = p.oid
                          WHERE p.pronamespace = 'public'::regnamespace ORDER BY 1, 2`),
    views: await q(`SELECT viewname, definition FROM pg_views WHERE schemaname = 'public' ORDER BY 1`),
  };
}
