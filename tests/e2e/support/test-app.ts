import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, TestDatabase } from '@stafett/testing';
import { AppConfig } from '../../../apps/api/src/config/app-config';
import { createApp } from '../../../apps/api/src/create-app';
import { prepareDatabase } from '../../../apps/api/src/database/prepare-database';

/** The audit HMAC key of every test app; tests verify chains with it. */
export const TEST_AUDIT_KEY = 'test-audit-key-'.padEnd(48, 'x');

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  config: AppConfig;
  close(): Promise<void>;
}

/** The real application on a fresh database of its own, optionally with the demo municipality. */
export async function startTestApp(options: { seedDemo?: boolean; webDistDir?: string } = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config: AppConfig = {
    production: false,
    port: 0,
    databaseUrl: db.appUrl,
    migrationDatabaseUrl: db.ownerUrl,
    runMigrations: false,
    seedDemo: options.seedDemo ?? false,
    webDistDir: options.webDistDir,
    logLevel: process.env['LOG_LEVEL'] ?? 'silent',
    auditHmacKey: TEST_AUDIT_KEY,
  };
  await prepareDatabase(config);
  const app = await createApp(config);
  await app.init();
  return {
    app,
    db,
    config,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}
