import { MIGRATIONS } from '@stafett/migrations';
import type { DataSourceOptions } from 'typeorm';
import { databaseLimits } from '../config/app-config';
import type { DatabaseLimits } from '../config/app-config';
import { DatabaseLogger } from './database-logger';
import { PreparingClient } from './prepared-statements';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The defaults of every DATABASE_* limit, for data sources built without a configuration (tests, scripts). */
export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = databaseLimits({});

/**
 * The pool and session settings pg takes for the limits (SECURITY.md S30). pg sends the timeouts
 * as startup parameters, so every connection the pool opens has them before its first query.
 * `owner` is the schema owner's maintenance work — migrations, the demo seed, audit:verify — which
 * may run one long statement (an index over a large table) and so keeps the server's
 * statement_timeout; it keeps the lock timeout, so that a migration waiting for a lock fails instead
 * of queuing every request behind it.
 */
export function poolSettings(limits: DatabaseLimits, use: 'app' | 'owner' = 'app'): Record<string, unknown> {
  return {
    ...(limits.preparedStatements ? { Client: PreparingClient } : {}),
    max: limits.poolSize,
    connectionTimeoutMillis: limits.connectTimeoutMs,
    ...(use === 'app' ? { statement_timeout: limits.statementTimeoutMs } : {}),
    lock_timeout: limits.lockTimeoutMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs,
  };
}

type Overrides = Partial<DataSourceOptions> & {
  extra?: Record<string, unknown>;
  /** The limits to apply (default: DEFAULT_DATABASE_LIMITS); `extra` may still override single settings. */
  limits?: DatabaseLimits;
  use?: 'app' | 'owner';
  /** Called for an error on an idle pooled connection (the server went away); must not throw. */
  poolErrorHandler?: (error: unknown) => void;
};

/** One definition of the database connection for the app, the CLI and the tests. */
export function dataSourceOptions(url: string, overrides: Overrides = {}): DataSourceOptions {
  const { extra, limits = DEFAULT_DATABASE_LIMITS, use = 'app', ...rest } = overrides;
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'typeorm_migrations',
    // Schema changes only ever go through reviewed migrations.
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built into PostgreSQL 13+; no extension to install.
    uuidExtension: 'pgcrypto',
    namingStrategy: new SnakeNamingStrategy(),
    // Query parameters and the database's messages can carry personal data: never in a log line.
    logger: new DatabaseLogger(rest.logging),
    // Every date in the domain is a Norwegian day (a consent's last day, a decision's due date):
    // current_date and date arithmetic in the database follow Europe/Oslo, whatever the server's zone.
    extra: { ...poolSettings(limits, use), application_name: 'stafett-api', options: '-c TimeZone=Europe/Oslo', ...extra },
    ...rest,
  } as DataSourceOptions;
}
