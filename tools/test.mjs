// `npm test`: format, lint and type checks; builds; then every Jest tier in one run — unit specs,
// integration and e2e against a real PostgreSQL this script starts, and the browser smoke test.
// Ends with one plain line "N passed, N failed" summed over every tier (a failed check counts as
// a failure), so a run that executed nothing is visible.
//   --checks-only   format, lint, typecheck and unit specs (no database, no build): `npm run check`
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, provisionDatabase, sealAuditTrail, startPostgres } from './postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const checksOnly = process.argv.includes('--checks-only');
// `--quick -- <jest args>`: skip format/lint/typecheck, pass the rest to Jest (for a focused local run).
const quick = process.argv.includes('--quick');
const extraJestArgs = process.argv.includes('--') ? process.argv.slice(process.argv.indexOf('--') + 1) : [];
const bin = (name) => path.join(root, 'node_modules/.bin', name);

function run(label, command, args, env = {}) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, NX_NO_CLOUD: 'true', ...env } });
    child.on('exit', (code) => {
      console.log(`[test] ${label}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      resolve(code === 0);
    });
  });
}

const TYPECHECK = [
  'apps/api/tsconfig.app.json',
  'apps/api/tsconfig.spec.json',
  'apps/web/tsconfig.app.json',
  'apps/web/tsconfig.spec.json',
  'libs/domain/tsconfig.lib.json',
  'libs/domain/tsconfig.spec.json',
  'libs/testing/tsconfig.lib.json',
  'libs/testing/tsconfig.spec.json',
  'libs/ui/tsconfig.lib.json',
  'libs/ui/tsconfig.spec.json',
  'libs/web-data-access/tsconfig.lib.json',
  'libs/web-data-access/tsconfig.spec.json',
  'tests/tsconfig.json',
];

let failedChecks = 0;
const check = async (label, command, args) => {
  if (!(await run(label, command, args))) failedChecks++;
};

if (!quick) await check('format', bin('prettier'), ['--check', '--log-level', 'warn', '.']);
if (!quick) await check('lint', bin('nx'), ['run-many', '-t', 'lint', '--output-style=static', '--', '--max-warnings=0']);
const typecheck = quick
  ? []
  : await Promise.all(
      [TYPECHECK.filter((_, i) => i % 2 === 0), TYPECHECK.filter((_, i) => i % 2 === 1)].map(async (group) => {
        let ok = true;
        for (const project of group) ok = (await run(`typecheck ${project}`, bin('tsc'), ['--noEmit', '-p', project])) && ok;
        return ok;
      }),
    );
if (typecheck.includes(false)) failedChecks++;

const resultsDir = path.join(root, 'tmp');
mkdirSync(resultsDir, { recursive: true });
const resultsFile = path.join(resultsDir, 'jest-results.json');
rmSync(resultsFile, { force: true });
// Jest's cache inside the checkout (tmp/ is git-ignored): a fresh clone compiles everything afresh,
// exactly as CI does, instead of reusing /tmp/jest_* from another checkout on the same machine.
const jestArgs = [
  '--json',
  `--outputFile=${resultsFile}`,
  '--maxWorkers=2',
  '--ci',
  `--cacheDirectory=${path.join(resultsDir, 'jest-cache')}`,
  ...extraJestArgs,
];

let server;
let tempDir;
let jestEnv = {};
if (checksOnly) {
  jestArgs.push('--selectProjects', 'api', 'web', 'domain', 'ui', 'web-data-access');
} else {
  if (!(await run('build', bin('nx'), ['run-many', '-t', 'build', '-p', 'api', 'web', '--output-style=static']))) failedChecks++;
  tempDir = mkdtempSync(path.join(os.tmpdir(), 'stafett-test-'));
  const password = randomBytes(12).toString('hex');
  server = await startPostgres({ dataDir: path.join(tempDir, 'pg'), port: await freePort(), password, persistent: false, fast: true });
  const ownerPassword = randomBytes(12).toString('hex');
  const appPassword = randomBytes(12).toString('hex');
  const template = 'stafett_template';
  const { ownerUrl, appUrl } = await provisionDatabase(server.url, { database: template, ownerPassword, appPassword });
  const auditKey = randomBytes(32).toString('hex');
  if (
    !(await run('migrate template database', process.execPath, [path.join(root, 'dist/apps/api/main.js'), '--migrate-only'], {
      DATABASE_URL: appUrl,
      DATABASE_MIGRATION_URL: ownerUrl,
      AUDIT_HMAC_KEY: auditKey,
      LOG_LEVEL: 'warn',
    }))
  )
    failedChecks++;
  // Every test database is cloned from the template, so each starts with audit_event sealed as in
  // production (owned by stafett_audit); tests that tamper with it connect as the superuser.
  const sealStarted = Date.now();
  const sealed = await sealAuditTrail(server.url, template).catch((error) => {
    console.log(`[test] seal audit trail of the template: ${error.message}`);
    return false;
  });
  console.log(
    `[test] seal audit trail of the template: ${sealed ? 'ok' : 'FAILED'} in ${((Date.now() - sealStarted) / 1000).toFixed(1)} s`,
  );
  if (!sealed) failedChecks++;
  jestEnv = {
    AUDIT_HMAC_KEY: auditKey,
    TEST_PG_SUPER_URL: server.url,
    TEST_PG_TEMPLATE_DB: template,
    TEST_PG_OWNER_PASSWORD: ownerPassword,
    TEST_PG_APP_PASSWORD: appPassword,
    LOG_LEVEL: 'silent',
  };
}

const stop = async () => {
  await server?.stop().catch(() => undefined);
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
};
process.on('SIGINT', () => stop().then(() => process.exit(130)));

await run('jest (all tiers)', bin('jest'), jestArgs, jestEnv);
await stop();

let passed = 0;
let failed = failedChecks;
if (existsSync(resultsFile)) {
  const results = JSON.parse(readFileSync(resultsFile, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests;
  // A suite that fails to load (syntax error, failing beforeAll) reports no failed test: count it.
  failed += results.testResults.filter((r) => r.status === 'failed' && r.assertionResults.every((a) => a.status !== 'failed')).length;
  const byTier = {};
  for (const file of results.testResults) {
    const rel = path.relative(root, file.name);
    const tier = rel.startsWith('tests/integration')
      ? 'integration'
      : rel.startsWith('tests/e2e/browser')
        ? 'browser'
        : rel.startsWith('tests/e2e')
          ? 'e2e'
          : 'unit';
    byTier[tier] ??= { passed: 0, failed: 0 };
    for (const a of file.assertionResults) {
      if (a.status === 'passed') byTier[tier].passed++;
      if (a.status === 'failed') byTier[tier].failed++;
    }
  }
  for (const [tier, c] of Object.entries(byTier)) console.log(`[test] ${tier}: ${c.passed} passed, ${c.failed} failed`);
} else {
  console.log('[test] jest wrote no results');
  failed++;
}
if (failedChecks) console.log(`[test] ${failedChecks} check(s) failed (counted as failures)`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
