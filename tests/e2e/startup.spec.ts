import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(__dirname, '../..');
const main = join(root, 'dist/apps/api/main.js');

function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [main], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    encoding: 'utf8',
    timeout: 30000,
  });
  return { status: result.status, stderr: result.stderr.trim() };
}

describe('start-up of the built API', () => {
  beforeAll(() => {
    if (!existsSync(main)) throw new Error('dist/apps/api/main.js is missing: npm test builds it before the e2e tier');
  });

  it('exits non-zero with one clear line when the database cannot be reached', () => {
    const { status, stderr } = start({ DATABASE_URL: 'postgres://stafett:secret-pw@127.0.0.1:1/stafett', AUDIT_HMAC_KEY: 'k'.repeat(40) });
    expect(status).toBe(1);
    expect(stderr.split('\n')).toHaveLength(1);
    expect(stderr).toBe('stafett: cannot connect to the database at 127.0.0.1:1 (connection refused): check DATABASE_URL');
    expect(stderr).not.toContain('secret-pw');
  });

  it('names a missing or malformed variable', () => {
    expect(start({})).toEqual({
      status: 1,
      stderr: 'stafett: Invalid configuration: DATABASE_URL is missing: set it to a postgres:// connection URL',
    });
    expect(start({ DATABASE_URL: 'postgres://a@b/c', AUDIT_HMAC_KEY: 'k'.repeat(40), PORT: 'x' })).toEqual({
      status: 1,
      stderr: 'stafett: Invalid configuration: PORT must be a number between 0 and 65535 (got "x")',
    });
    expect(start({ DATABASE_URL: 'postgres://a@b/c' })).toEqual({
      status: 1,
      stderr: 'stafett: Invalid configuration: AUDIT_HMAC_KEY is missing: set it to a random secret of at least 32 characters',
    });
  });

  describe('tools/start.mjs (npm start without the build) with your own DATABASE_URL', () => {
    const wrongUrl = 'postgres://nobody:wrong@127.0.0.1:1/none';
    const checkoutSecrets = join(root, '.data/secrets.json');
    /** The checkout's own .data must not be created or touched by these tests. */
    const checkoutData = () => ({
      dir: existsSync(join(root, '.data')),
      secrets: existsSync(checkoutSecrets)
        ? { text: readFileSync(checkoutSecrets, 'utf8'), mtime: statSync(checkoutSecrets).mtimeMs }
        : null,
    });
    let dataDir: string;
    let before: ReturnType<typeof checkoutData>;

    const startTool = (env: Record<string, string>) => {
      const result = spawnSync(process.execPath, [join(root, 'tools/start.mjs')], {
        cwd: dataDir,
        env: { PATH: process.env['PATH'] ?? '', STAFETT_DATA_DIR: dataDir, ...env },
        encoding: 'utf8',
        timeout: 30000,
      });
      return { status: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
    };

    beforeAll(() => {
      before = checkoutData();
      dataDir = mkdtempSync(join(tmpdir(), 'stafett-start-'));
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
    afterEach(() => expect(checkoutData()).toEqual(before));

    it('outside production takes the key from the local secrets, so a wrong DATABASE_URL fails with one line naming the database', () => {
      const { status, stdout, stderr } = startTool({ DATABASE_URL: wrongUrl });
      expect(status).not.toBe(0);
      expect(status).not.toBeNull();
      const lines = `${stdout}\n${stderr}`.split('\n').filter((line) => line.startsWith('stafett:'));
      expect(lines).toEqual(['stafett: cannot connect to the database at 127.0.0.1:1 (connection refused): check DATABASE_URL']);
      expect(stderr).toBe(lines[0]);
      expect(`${stdout}${stderr}`).not.toContain('wrong');
      const secrets = JSON.parse(readFileSync(join(dataDir, 'secrets.json'), 'utf8'));
      expect(secrets.auditHmacKey).toMatch(/^[0-9a-f]{64}$/);
    });

    it('in production never takes the key from a file: without AUDIT_HMAC_KEY it refuses to start', () => {
      startTool({ DATABASE_URL: wrongUrl });
      const secrets = readFileSync(join(dataDir, 'secrets.json'), 'utf8');
      expect(JSON.parse(secrets).auditHmacKey).toMatch(/^[0-9a-f]{64}$/);
      expect(startTool({ DATABASE_URL: wrongUrl, NODE_ENV: 'production' })).toEqual({
        status: 1,
        stdout: '',
        stderr: 'stafett: Invalid configuration: AUDIT_HMAC_KEY is missing: set it to a random secret of at least 32 characters',
      });
      expect(readFileSync(join(dataDir, 'secrets.json'), 'utf8')).toBe(secrets);
    });
  });
});
