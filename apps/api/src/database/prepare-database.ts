import pino from 'pino';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';
import { seedDemo } from './seed/demo-seed';

/** Applies pending migrations as the schema owner, then seeds the demo municipality if asked. */
export async function prepareDatabase(config: AppConfig): Promise<void> {
  const logger = pino({ level: config.logLevel, base: { context: 'Database' } });
  if (!config.runMigrations && !config.seedDemo) return;
  const owner = new DataSource(
    dataSourceOptions(config.migrationDatabaseUrl, { limits: config.databaseLimits, use: 'owner', extra: { max: 2 } }),
  );
  await owner.initialize();
  try {
    if (config.runMigrations) {
      const applied = await owner.runMigrations({ transaction: 'each' });
      logger.info(`${applied.length} migration(s) applied`);
    }
    if (config.seedDemo) {
      const { created } = await seedDemo(owner);
      logger.info(created ? 'demo municipality created' : 'demo municipality already present');
    }
  } finally {
    await owner.destroy();
  }
}
