// `npm run audit:verify`: re-computes every audit chain, checks it against the sealed checkpoints
// and reports every broken row, missing tail and missing chain.
// Uses DATABASE_URL (+ AUDIT_HMAC_KEY) when set, else the embedded database of `npm start`.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { dataRoot, localDatabaseEnv, root } from './local-db.mjs';

const database = await localDatabaseEnv();
// Arguments pass through: `npm run audit:verify -- --checkpoints collected.jsonl --require-checkpoints`.
const result = spawnSync(process.execPath, [path.join(root, 'dist/apps/api/main.js'), '--audit-verify', ...process.argv.slice(2)], {
  stdio: 'inherit',
  // The checkpoints `npm start` wrote, in the same data folder.
  env: { ...process.env, STAFETT_DATA_DIR: dataRoot, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn', ...database.env },
});
await database.stop();
process.exit(result.status ?? 1);
