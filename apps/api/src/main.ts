import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/app-config';
import { verifyAuditCommand } from './audit/verify-command';
import { createApp } from './create-app';
import { describeStartupError } from './database/startup-error';
import { prepareDatabase } from './database/prepare-database';
import { GracefulShutdown } from './http/graceful-shutdown';

async function main(): Promise<void> {
  const config = loadConfig();
  if (process.argv.includes('--audit-verify')) {
    // Fail closed: should the check ever end without an answer, the exit code says not intact.
    process.exitCode = 1;
    process.exitCode = await verifyAuditCommand(config, process.argv.slice(2));
    return;
  }
  await prepareDatabase(config);
  // `main.js --migrate-only`: apply migrations (and the demo seed if asked) and exit; for CI,
  // deployments and the test run's template database.
  if (process.argv.includes('--migrate-only')) return;
  const app = await createApp(config);
  const shutdown = new GracefulShutdown(app, config.shutdown);
  await app.listen(config.port, process.env['HOST'] ?? '127.0.0.1');
  shutdown.exitOnSignals();
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: `Stafett listening on http://localhost:${config.port}` })}\n`);
}

main().catch((error: unknown) => {
  // One clear line naming what failed; never a stack trace with connection strings.
  const message = error instanceof ConfigError ? `Invalid configuration: ${error.message}` : describeStartupError(error);
  process.stderr.write(`stafett: ${message}\n`);
  process.exit(1);
});
