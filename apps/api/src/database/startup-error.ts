/** Turns a start-up failure into one line for the operator, without secrets from the URL. */
export function describeStartupError(error: unknown): string {
  const e = error as { code?: string; message?: string; address?: string; port?: number; hostname?: string };
  const where = e.address ? ` at ${e.address}${e.port ? `:${e.port}` : ''}` : e.hostname ? ` at ${e.hostname}` : '';
  switch (e.code) {
    case 'ECONNREFUSED':
      return `cannot connect to the database${where} (connection refused): check DATABASE_URL`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `cannot resolve the database host${where}: check DATABASE_URL`;
    case 'ETIMEDOUT':
      return `the database${where} did not answer in time: check DATABASE_URL`;
    case '28P01':
    case '28000':
      return 'the database refused the user name or password in DATABASE_URL';
    case '3D000':
      return `the database named in DATABASE_URL does not exist (${e.message ?? ''})`;
    case '42501':
      // A migration that alters the sealed audit table (README, "Your own PostgreSQL").
      if (/audit_event/.test(e.message ?? '')) {
        return `a migration needs to change audit_event, which is sealed (${e.message}): GRANT stafett_audit TO the migration login for the run, then seal it again with tools/seal-audit.mjs`;
      }
      return `start-up failed: ${e.message ?? String(error)}`;
    case '55P03':
      // The migration login keeps DATABASE_LOCK_TIMEOUT_MS, so that it never queues the running replicas' queries behind it.
      return 'a migration waited longer than DATABASE_LOCK_TIMEOUT_MS for a lock held by another session (a long transaction of a running replica?): start again, or raise DATABASE_LOCK_TIMEOUT_MS for this run';
    case '57014':
      return 'a statement was cancelled during start-up (statement_timeout of the database or role?): start again';
    case 'EADDRINUSE':
      return `the port is already in use${where}: set PORT to another port`;
    default:
      return `start-up failed: ${e.message ?? String(error)}`;
  }
}
