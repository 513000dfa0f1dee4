// The embedded PostgreSQL that `npm start` and `npm run audit:verify` use when DATABASE_URL is
// unset: data in .data/postgres, secrets generated once per checkout in .data/secrets.json.
// STAFETT_DATA_DIR moves that folder elsewhere (the tests use a temporary one).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, openAuditForMigrations, provisionDatabase, sealAuditTrail, startPostgres } from './postgres.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const dataRoot = process.env.STAFETT_DATA_DIR ? path.resolve(process.env.STAFETT_DATA_DIR) : path.join(root, '.data');
const shown = (dir) => (path.relative(root, dir).startsWith('..') ? dir : path.relative(root, dir));

/** Local secrets, made once per checkout and never committed (.data is git-ignored). */
export function localSecrets() {
  const file = path.join(dataRoot, 'secrets.json');
  const secret = () => randomBytes(24).toString('base64url');
  const secrets = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const wanted = ['superuser', 'owner', 'app', 'auditHmacKey'];
  if (wanted.some((k) => !secrets[k])) {
    for (const k of wanted) secrets[k] ??= k === 'auditHmacKey' ? randomBytes(32).toString('hex') : secret();
    mkdirSync(dataRoot, { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  return secrets;
}

/**
 * Starts the local database unless DATABASE_URL is set; returns the environment for the API, the
 * superuser steps around a migration run (`audit`: open the audit table to the migration login,
 * then seal it; null with an external database, where a DBA seals it) and a stop function (a no-op
 * when an external database is used).
 */
export async function localDatabaseEnv() {
  if (process.env.DATABASE_URL) return { env: {}, audit: null, stop: async () => {} };
  const secrets = localSecrets();
  const started = Date.now();
  const dataDir = path.join(dataRoot, 'postgres');
  const server = await startPostgres({ dataDir, port: await freePort(), password: secrets.superuser });
  const { ownerUrl, appUrl } = await provisionDatabase(server.url, {
    database: 'stafett',
    ownerPassword: secrets.owner,
    appPassword: secrets.app,
  });
  console.log(`embedded PostgreSQL ready on 127.0.0.1:${server.port} in ${Date.now() - started} ms (data in ${shown(dataDir)})`);
  return {
    env: { DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: ownerUrl, AUDIT_HMAC_KEY: process.env.AUDIT_HMAC_KEY ?? secrets.auditHmacKey },
    audit: {
      openForMigrations: () => openAuditForMigrations(server.url, 'stafett'),
      seal: () => sealAuditTrail(server.url, 'stafett'),
    },
    stop: () => server.stop(),
  };
}
