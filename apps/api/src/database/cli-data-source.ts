// Data source for the TypeORM CLI (`npm run db:migrate`, `npm run db:migration:generate`).
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseLimits } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

const url = process.env['DATABASE_MIGRATION_URL'] || process.env['DATABASE_URL'];
if (!url) {
  throw new Error('DATABASE_URL (or DATABASE_MIGRATION_URL) is missing: the CLI needs a database to compare against');
}
export default new DataSource(dataSourceOptions(url, { limits: databaseLimits(process.env), use: 'owner' }));
