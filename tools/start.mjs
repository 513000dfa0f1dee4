// `npm start`: serves the API and the built client on one port. Without DATABASE_URL it runs an
// embedded PostgreSQL whose data is kept in .data/postgres between runs, and seeds the demo
// municipality on first start. Ctrl-C stops the API, then PostgreSQL.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, provisionDatabase, startPostgres } from './postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dataRoot = path.join(root, '.data');

/** Local secrets for the embedded database, made once per checkout and never committed. */
function localSecrets() {
  const file = path.join(dataRoot, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
  mkdirSync(dataRoot, { recursive: true });
  const secret = () => randomBytes(24).toString('base64url');
  const secrets = { superuser: secret(), owner: secret(), app: secret() };
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

let server;
const env = { ...process.env, WEB_DIST_DIR: process.env.WEB_DIST_DIR ?? path.join(root, 'dist/apps/web') };
if (!process.env.DATABASE_URL) {
  const secrets = localSecrets();
  const started = Date.now();
  server = await startPostgres({ dataDir: path.join(dataRoot, 'postgres'), port: await freePort(), password: secrets.superuser });
  const { ownerUrl, appUrl } = await provisionDatabase(server.url, {
    database: 'stafett',
    ownerPassword: secrets.owner,
    appPassword: secrets.app,
  });
  console.log(`embedded PostgreSQL ready on 127.0.0.1:${server.port} in ${Date.now() - started} ms (data in .data/postgres)`);
  Object.assign(env, { DATABASE_URL: appUrl, DATABASE_MIGRATION_URL: ownerUrl, SEED_DEMO: env.SEED_DEMO ?? 'true' });
}

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
  if (server) await server.stop();
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});
