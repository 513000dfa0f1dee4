// `npm run audit:verify`: re-computes every audit chain and reports the first broken row.
// Uses DATABASE_URL (+ AUDIT_HMAC_KEY) when set, else the embedded database of `npm start`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { localDatabaseEnv, root } from './local-db.mjs';

const database = await localDatabaseEnv();
const result = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/main.js'), '--audit-verify'], {
  stdio: 'inherit',
  env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...database.env },
});
await database.stop();
process.exit(result.status ?? 1);
