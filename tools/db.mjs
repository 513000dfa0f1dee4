// Database commands that need no server installed:
//   node tools/db.mjs migrate              apply pending migrations (DATABASE_URL, else the npm start database)
//   node tools/db.mjs generate <verb-what> write migrations/<timestamp>-<verb-what>.ts from the entity drift
// Without DATABASE_URL, `generate` starts a throw-away embedded PostgreSQL, applies every existing
// migration, and compares the entities with that schema.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMigrationsIndex } from './migrations-index.mjs';
import { localDatabaseEnv } from './local-db.mjs';
import { createDatabase, freePort, startPostgres } from './postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function typeorm(args, env) {
  const result = spawnSync(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      '-r',
      'tsconfig-paths/register',
      path.join(root, 'node_modules/typeorm/cli.js'),
      ...args,
      '-d',
      'apps/api/src/database/cli-data-source.ts',
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, TS_NODE_PROJECT: 'apps/api/tsconfig.app.json', ...env } },
  );
  return result.status ?? 1;
}

async function withDatabase(fn) {
  if (process.env.DATABASE_URL) return fn(process.env.DATABASE_MIGRATION_URL || process.env.DATABASE_URL);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'stafett-db-'));
  const server = await startPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    password: 'generate',
    persistent: false,
    fast: true,
  });
  try {
    const url = await createDatabase(server.url, 'stafett_generate');
    return await fn(url);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const [command, name] = process.argv.slice(2);
let status = 1;
if (command === 'migrate') {
  // The database of `npm start` unless DATABASE_URL points elsewhere.
  const database = await localDatabaseEnv();
  const env = { ...database.env };
  // The embedded server's audit table is sealed (tools/seal-audit.mjs): open it to the migration
  // login for the run and seal it again after, as `npm start` does.
  await database.audit?.openForMigrations();
  status = typeorm(['migration:run'], {
    DATABASE_MIGRATION_URL: env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_MIGRATION_URL ?? process.env.DATABASE_URL,
  });
  await database.audit?.seal();
  await database.stop();
} else if (command === 'generate') {
  if (!name || !/^[a-z]+(-[a-z0-9]+)+$/.test(name)) {
    console.error('usage: npm run db:migration:generate -- <verb-what>, e.g. create-concerns');
    process.exit(2);
  }
  status = await withDatabase((url) => {
    const run = typeorm(['migration:run'], { DATABASE_MIGRATION_URL: url });
    if (run !== 0) return run;
    return typeorm(['migration:generate', `migrations/${name}`, '--pretty'], { DATABASE_MIGRATION_URL: url });
  });
  if (status === 0) writeFileSync(path.join(root, 'migrations/index.ts'), renderMigrationsIndex());
} else {
  console.error('usage: node tools/db.mjs migrate | generate <verb-what>');
  process.exit(2);
}
process.exit(status);
