// A PostgreSQL server of one test's own, which the test may crash and start again: the run's shared
// server must never go down under the other test files. Jest's CommonJS cannot import
// tools/postgres.mjs, so the test runs this as a child process and drives it over stdin:
//   `kill`  SIGKILL to the postmaster and its backends (startPostgres().kill())
//   `start` start it again on the same data directory and port (crash recovery from the WAL)
//   `quit`  stop it, remove the data directory, exit
// Each step answers with one JSON line on stdout. Durable settings (fsync on): a crash must not lose
// a commit that was acknowledged, which a cluster without synchronous_commit may.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePort, provisionDatabase, sealAuditTrail, startPostgres } from '../../../tools/postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const say = (event) => process.stdout.write(`${JSON.stringify(event)}\n`);

const tempDir = mkdtempSync(path.join(os.tmpdir(), 'stafett-crashable-pg-'));
const dataDir = path.join(tempDir, 'pg');
const password = randomBytes(12).toString('hex');
const port = await freePort();
const start = () => startPostgres({ dataDir, port, password, persistent: true, fast: false });

let server = await start();
const database = 'stafett_crash';
const { ownerUrl, appUrl } = await provisionDatabase(server.url, {
  database,
  ownerPassword: randomBytes(12).toString('hex'),
  appPassword: randomBytes(12).toString('hex'),
});
const migrated = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/main.js'), '--migrate-only'], {
  env: {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: appUrl,
    DATABASE_MIGRATION_URL: ownerUrl,
    AUDIT_HMAC_KEY: process.env.AUDIT_HMAC_KEY ?? 'crashable-postgres-'.padEnd(48, 'x'),
    SEED_DEMO: 'true',
    LOG_LEVEL: 'warn',
  },
  encoding: 'utf8',
});
if (migrated.status !== 0) {
  say({ event: 'failed', message: `migrate: ${migrated.stderr || migrated.stdout}` });
  await server.stop();
  rmSync(tempDir, { recursive: true, force: true });
  process.exit(1);
}
await sealAuditTrail(server.url, database);
const superUrl = new URL(server.url);
superUrl.pathname = `/${database}`;
say({ event: 'ready', appUrl, ownerUrl, superUrl: superUrl.toString() });

let quitting = false;
const quit = async () => {
  if (quitting) return;
  quitting = true;
  await server.stop().catch(() => undefined);
  rmSync(tempDir, { recursive: true, force: true });
  say({ event: 'quit' });
  process.exit(0);
};

for await (const line of createInterface({ input: process.stdin })) {
  const command = line.trim();
  try {
    if (command === 'kill') {
      await server.kill();
      say({ event: 'killed' });
    } else if (command === 'start') {
      server = await start();
      say({ event: 'started' });
    } else if (command === 'quit') {
      await quit();
    }
  } catch (error) {
    say({ event: 'failed', message: String(error?.message ?? error) });
  }
}
// The test went away without saying quit: do not leave a server behind.
await quit();
