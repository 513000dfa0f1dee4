import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const main = join(__dirname, '../../dist/apps/api/main.js');

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
});
