// `npm start`: serves the API and the built client on one port. Without DATABASE_URL it runs an
// embedded PostgreSQL whose data is kept in .data/postgres between runs, and seeds the demo
// municipality on first start. Ctrl-C stops the API, then PostgreSQL.
// An unset AUDIT_HMAC_KEY is taken from .data/secrets.json, also with your own DATABASE_URL (so a
// wrong URL is reported as such) but then only outside production: there it must be set.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { localDatabaseEnv, localSecrets, root } from './local-db.mjs';

const production = process.env.NODE_ENV === 'production';
const database = await localDatabaseEnv();
const localAuditKey =
  process.env.DATABASE_URL && process.env.AUDIT_HMAC_KEY === undefined && !production
    ? { AUDIT_HMAC_KEY: localSecrets().auditHmacKey }
    : {};
const env = {
  ...process.env,
  WEB_DIST_DIR: process.env.WEB_DIST_DIR ?? path.join(root, 'dist/apps/web'),
  ...(process.env.DATABASE_URL ? {} : { SEED_DEMO: process.env.SEED_DEMO ?? 'true' }),
  ...localAuditKey,
  ...database.env,
};

const api = spawn(process.execPath, ['--enable-source-maps', path.join(root, 'dist/apps/api/main.js')], { stdio: 'inherit', env });
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  if (api.exitCode === null) api.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
api.on('exit', async (code, signal) => {
  await database.stop();
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});
