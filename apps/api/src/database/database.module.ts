import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ActingTransactions } from './acting-transactions';
import { dataSourceOptions } from './data-source-options';

/** Global: every module that reads case content runs its transactions through ActingTransactions. */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      // One attempt: a wrong database must fail the start at once with a clear message, not retry.
      useFactory: (config: AppConfig) => ({ ...dataSourceOptions(config.databaseUrl), retryAttempts: 0 }),
    }),
  ],
  providers: [ActingTransactions],
  exports: [ActingTransactions],
})
export class DatabaseModule {}
