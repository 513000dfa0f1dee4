import { Module } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { PostgresThrottlerStorage } from './postgres-throttler.storage';
import { rateLimitThrottlers } from './rate-limit.guard';

/**
 * Rate limits (SECURITY.md S21) with @nestjs/throttler, counted in PostgreSQL. The guard itself
 * (RateLimitGuard) is registered in AppModule right after the authorization guard.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG, DataSource],
      useFactory: (config: AppConfig, dataSource: DataSource) => ({
        storage: new PostgresThrottlerStorage(dataSource, config.auditHmacKey),
        // Only Retry-After on a 429; no per-limit X-RateLimit-* headers on every answer.
        setHeaders: false,
        throttlers: rateLimitThrottlers(config.rateLimits),
      }),
    }),
  ],
})
export class RateLimitsModule {}
