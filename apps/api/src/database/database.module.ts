import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ActingTransactions } from './acting-transactions';
import { dataSourceOptions } from './data-source-options';
import { classifyDatabaseError } from './database-unavailable';
import type { DatabaseUnavailable } from './database-unavailable';
import { DatabaseUnavailableLog, DatabaseUnavailableModule } from './database-unavailable-log';

const IDLE_CONNECTION_LOST: DatabaseUnavailable = { reason: 'connection', code: 'idle connection lost', retryAfterSeconds: 5, detail: '' };

/** Global: every module that reads case content runs its transactions through ActingTransactions. */
@Global()
@Module({
  imports: [
    DatabaseUnavailableModule,
    TypeOrmModule.forRootAsync({
      imports: [DatabaseUnavailableModule],
      inject: [APP_CONFIG, DatabaseUnavailableLog],
      // One attempt: a wrong database must fail the start at once with a clear message, not retry.
      useFactory: (config: AppConfig, outages: DatabaseUnavailableLog) => ({
        ...dataSourceOptions(config.databaseUrl, {
          limits: config.databaseLimits,
          // An idle pooled connection the server ended (a restart): counted with the requests it fails.
          poolErrorHandler: (error: unknown) => outages.report(classifyDatabaseError(error) ?? IDLE_CONNECTION_LOST, error),
        }),
        retryAttempts: 0,
      }),
    }),
  ],
  providers: [ActingTransactions],
  exports: [ActingTransactions],
})
export class DatabaseModule {}
