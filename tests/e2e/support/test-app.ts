import type { INestApplication } from '@nestjs/common';
import { createTestDatabase, TestDatabase } from '@stafett/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AppConfig } from '../../../apps/api/src/config/app-config';
import { loadConfig } from '../../../apps/api/src/config/app-config';
import { createApp } from '../../../apps/api/src/create-app';
import { prepareDatabase } from '../../../apps/api/src/database/prepare-database';

/** The audit HMAC key of every test app; tests verify chains with it. */
export const TEST_AUDIT_KEY = 'test-audit-key-'.padEnd(48, 'x');

/** Far above what any test sends, so that only the rate-limit spec meets a limit. */
export const GENEROUS_RATE_LIMITS = { RATE_LIMIT_SIGN_IN: '100000', RATE_LIMIT_WRITES: '100000', RATE_LIMIT_LISTS: '100000' };

export interface TestApp {
  app: INestApplication;
  db: TestDatabase;
  config: AppConfig;
  /** http://localhost:<port>, where the app and its bundled identity provider listen. */
  baseUrl: string;
  /** This app's own audit checkpoint file (in a temporary folder removed by close()). */
  checkpointFile: string;
  close(): Promise<void>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The real application, listening on localhost with its bundled identity provider, on a fresh
 * database of its own (optionally with the demo municipality).
 */
export async function startTestApp(
  options: { seedDemo?: boolean; webDistDir?: string; env?: Record<string, string>; defaultRateLimits?: boolean } = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const port = await freePort();
  const checkpointDir = mkdtempSync(join(tmpdir(), 'stafett-checkpoints-'));
  const config = loadConfig({
    DATABASE_URL: db.appUrl,
    DATABASE_MIGRATION_URL: db.ownerUrl,
    RUN_MIGRATIONS: 'false',
    SEED_DEMO: options.seedDemo ? 'true' : 'false',
    PORT: String(port),
    AUDIT_HMAC_KEY: TEST_AUDIT_KEY,
    LOG_LEVEL: process.env['TEST_LOG_LEVEL'] ?? 'silent',
    // Never the checkout's .data: each app seals into a file of its own.
    AUDIT_CHECKPOINT_FILE: join(checkpointDir, 'audit-checkpoints.jsonl'),
    ...(options.webDistDir ? { WEB_DIST_DIR: options.webDistDir } : {}),
    // Tests sign many personas in from 127.0.0.1 within seconds; tests/e2e/rate-limits.spec.ts runs the defaults.
    ...(options.defaultRateLimits ? {} : GENEROUS_RATE_LIMITS),
    ...options.env,
  });
  await prepareDatabase(config);
  const app = await createApp(config);
  await app.listen(port, '127.0.0.1');
  return {
    app,
    db,
    config,
    baseUrl: `http://localhost:${port}`,
    checkpointFile: config.auditCheckpoints.file,
    close: async () => {
      await app.close();
      await db.drop();
      rmSync(checkpointDir, { recursive: true, force: true });
    },
  };
}
