import { MIGRATIONS } from '@stafett/migrations';
import type { DataSourceOptions } from 'typeorm';
import { DatabaseLogger } from './database-logger';
import { ENTITIES } from './entities';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** One definition of the database connection for the app, the CLI and the tests. */
export function dataSourceOptions(
  url: string,
  overrides: Partial<DataSourceOptions> & { extra?: Record<string, unknown> } = {},
): DataSourceOptions {
  const { extra, ...rest } = overrides;
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
    extra: { max: 10, connectionTimeoutMillis: 5000, application_name: 'stafett-api', options: '-c TimeZone=Europe/Oslo', ...extra },
    ...rest,
  } as DataSourceOptions;
}
