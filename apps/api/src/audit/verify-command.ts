import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/data-source-options';
import { verifyAuditTrail } from './audit-verifier';

/** `main.js --audit-verify`: prints the outcome in one line; exit code 0 intact, 1 broken. */
export async function verifyAuditCommand(config: AppConfig): Promise<number> {
  const dataSource = await new DataSource(dataSourceOptions(config.migrationDatabaseUrl, { extra: { max: 1 } })).initialize();
  try {
    const report = await verifyAuditTrail(dataSource, config.auditHmacKey);
    if (!report.firstBreak) {
      process.stdout.write(`audit trail intact: ${report.rows} event(s) in ${report.chains} chain(s)\n`);
      return 0;
    }
    const b = report.firstBreak;
    const why = {
      hash: 'its content does not match its HMAC',
      link: 'it does not point to the row before it',
      gap: 'the row before it is missing',
    }[b.problem];
    process.stdout.write(`audit trail BROKEN: chain ${b.chain}, seq ${b.seq}, id ${b.id}: ${why}\n`);
    return 1;
  } finally {
    await dataSource.destroy();
  }
}
