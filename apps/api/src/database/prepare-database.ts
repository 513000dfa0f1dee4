import pino from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { seedDemo } from './seed/demo-seed';

/**
 * Held for a whole migration run, seed included: replicas that start together on one database take
 * turns, and the ones after the first find nothing to do. tools/seal-audit.mjs takes the same key.
 */
export const MIGRATION_LOCK = `hashtextextended('stafett:migrations', 0)`;

/** Applies pending migrations as the schema owner, then seeds the demo municipality if asked. */
export async function prepareDatabase(config: AppConfig): Promise<void> {
  const logger = pino({ level: config.logLevel, base: { context: 'Database' } });
  if (!config.runMigrations && !config.seedDemo) return;
  // One connection holds the session-level lock for the run; the others migrate and seed.
  const owner = new DataSource(
    dataSourceOptions(config.migrationDatabaseUrl, { limits: config.databaseLimits, use: 'owner', extra: { max: 3 } }),
  );
  await owner.initialize();
  const lock = owner.createQueryRunner();
  try {
    await lock.connect();
    const [{ locked }] = await lock.query(`SELECT pg_try_advisory_lock(${MIGRATION_LOCK}) AS locked`);
    if (!locked) {
      logger.info('another process is migrating this database: waiting for it');
      // However long the other run takes: the lock timeout is for requests, not for this wait.
      await lock.query('SET lock_timeout = 0');
      await lock.query(`SELECT pg_advisory_lock(${MIGRATION_LOCK})`);
      await lock.query('RESET lock_timeout');
    }
    if (config.runMigrations) {
      const applied = await owner.runMigrations({ transaction: 'each' });
      logger.info(`${applied.length} migration(s) applied`);
    }
    if (config.seedDemo) {
      const { created } = await seedDemo(owner);
      logger.info(created ? 'demo municipality created' : 'demo municipality already present');
    }
  } finally {
    // Closing the pool ends the lock's session, which releases it, also after a failed migration.
    await lock.release();
    await owner.destroy();
  }
}
