import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * The test run (tools/test.mjs) starts one PostgreSQL server and migrates a template database;
 * each test file clones the template into a fresh database of its own, so files never share state.
 */
export interface TestDatabase {
  name: string;
  /** The application's login (member of stafett_app, owns nothing). */
  appUrl: string;
  /** The schema owner, as migrations run. */
  ownerUrl: string;
  drop(): Promise<void>;
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the tests with \`npm test\`, which starts PostgreSQL for them`);
  return value;
}

function urlFor(base: string, user: string, password: string, database: string): string {
  const url = new URL(base);
  url.username = user;
  url.password = encodeURIComponent(password);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The owner's connections see dates as the application's sessions do (Europe/Oslo): a test that
 * asks the database for "today" between 23:00 and 01:00 UTC would otherwise get yesterday's date.
 */
function ownerUrlFor(base: string, password: string, database: string): string {
  const url = new URL(urlFor(base, 'stafett_owner', password, database));
  url.searchParams.set('options', '-c TimeZone=Europe/Oslo');
  return url.toString();
}

export function superuserUrl(database = 'postgres'): string {
  const url = new URL(requireEnv('TEST_PG_SUPER_URL'));
  url.pathname = `/${database}`;
  return url.toString();
}

async function asSuperuser<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: superuserUrl() });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, fully migrated database cloned from the run's template. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const template = requireEnv('TEST_PG_TEMPLATE_DB');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await asSuperuser((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${c.escapeIdentifier(template)} OWNER stafett_owner`));
  const base = requireEnv('TEST_PG_SUPER_URL');
  return {
    name,
    appUrl: urlFor(base, 'stafett_api', requireEnv('TEST_PG_APP_PASSWORD'), name),
    ownerUrl: ownerUrlFor(base, requireEnv('TEST_PG_OWNER_PASSWORD'), name),
    drop: () => asSuperuser((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** An empty database (no migrations) owned by the schema owner, for migration tests. */
export async function createEmptyDatabase(): Promise<TestDatabase> {
  const name = `e_${randomBytes(6).toString('hex')}`;
  await asSuperuser((c) => c.query(`CREATE DATABASE ${name} OWNER stafett_owner`));
  const base = requireEnv('TEST_PG_SUPER_URL');
  return {
    name,
    appUrl: urlFor(base, 'stafett_api', requireEnv('TEST_PG_APP_PASSWORD'), name),
    ownerUrl: ownerUrlFor(base, requireEnv('TEST_PG_OWNER_PASSWORD'), name),
    drop: () => asSuperuser((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Runs one query on its own connection and closes it. */
export async function queryOnce<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
