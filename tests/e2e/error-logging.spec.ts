import { createTestDatabase, queryOnce, superuserUrl, TestDatabase } from '@stafett/testing';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { elevenDigitRuns } from './support/identity-numbers';
import { signIn } from './support/sign-in';
import { freePort, TEST_AUDIT_KEY } from './support/test-app';

const main = join(__dirname, '../../dist/apps/api/main.js');

/**
 * The built API's own log output (stdout, as an operator collects it) while a query fails: the
 * audit insert of a read is refused by the database, and the log line must say what failed
 * (class, SQLSTATE, stack) without the query's parameters (ids of the child and the reader), its
 * SQL, or the database's message.
 */
describe('log lines of a failed query', () => {
  let db: TestDatabase;
  let api: ChildProcess;
  let output = '';
  let baseUrl: string;
  // Never the checkout's .data (tests/e2e/startup.spec.ts checks that nothing creates it).
  const checkpointDir = mkdtempSync(join(tmpdir(), 'stafett-checkpoints-'));

  const waitFor = async (pattern: RegExp, ms = 20000) => {
    const until = Date.now() + ms;
    while (!pattern.test(output)) {
      if (Date.now() > until) throw new Error(`no ${pattern} in the log:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    api = spawn(process.execPath, [main], {
      env: {
        PATH: process.env['PATH'] ?? '',
        DATABASE_URL: db.appUrl,
        DATABASE_MIGRATION_URL: db.ownerUrl,
        RUN_MIGRATIONS: 'false',
        SEED_DEMO: 'true',
        PORT: String(port),
        AUDIT_HMAC_KEY: TEST_AUDIT_KEY,
        AUDIT_CHECKPOINT_FILE: join(checkpointDir, 'audit-checkpoints.jsonl'),
        LOG_LEVEL: 'info',
        // No load balancer to wait for: afterAll's SIGTERM stops it at once.
        SHUTDOWN_DRAIN_SECONDS: '0',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    api.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await waitFor(/Stafett listening/);
  }, 60000);
  afterAll(async () => {
    if (api && api.exitCode === null) {
      const exited = new Promise((resolve) => api.once('exit', resolve));
      api.kill('SIGTERM');
      await exited;
    }
    await db?.drop();
    rmSync(checkpointDir, { recursive: true, force: true });
  });

  it('names the error’s class and SQLSTATE, and carries no parameter, SQL or database message', async () => {
    const kari = await signIn(baseUrl, 'staff', 'Kari Larsen');
    const [emma] = await queryOnce<{ id: string; national_id: string }>(
      db.ownerUrl,
      `SELECT id, national_id FROM child WHERE given_name = 'Emma'`,
    );
    const [user] = await queryOnce<{ id: string }>(db.ownerUrl, `SELECT id FROM app_user WHERE subject = 'kari.larsen'`);
    // audit_event belongs to stafett_audit (sealAuditTrail): only a superuser can take the grant away.
    await queryOnce(superuserUrl(db.name), 'REVOKE INSERT ON audit_event FROM stafett_app');
    let res: Response;
    try {
      res = await fetch(`${baseUrl}/api/children/${emma.id}`, { headers: { cookie: kari.cookie } });
    } finally {
      await queryOnce(superuserUrl(db.name), 'GRANT INSERT ON audit_event TO stafett_app');
    }
    expect(res.status).toBe(503);
    await waitFor(/audit event could not be written/);
    await waitFor(/"statusCode":503/);

    const lines = output
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg?: string; err?: Record<string, unknown>; req?: unknown });
    const failed = lines.find((l) => l.msg === 'audit event could not be written');
    expect(failed?.err).toMatchObject({
      type: 'QueryFailedError',
      code: '42501',
      stack: expect.stringMatching(/^QueryFailedError\n\s+at /),
    });
    expect(Object.keys(failed?.err ?? {}).sort()).toEqual(['code', 'routine', 'stack', 'type']);

    // The parameters of the failed INSERT were Emma's and Kari's ids: in no line, apart from the
    // request path that the access log names (an id in a URL is no personal data, S18).
    const withoutPaths = lines.map((l) => JSON.stringify({ ...l, req: undefined })).join('\n');
    expect(withoutPaths).not.toContain(emma.id);
    expect(output).not.toContain(user.id);
    expect(output).not.toContain(emma.national_id);
    expect(elevenDigitRuns(output)).toEqual([]);
    expect(output).not.toMatch(/INSERT INTO|"parameters"|"query"|driverError|permission denied/);
  });
});
