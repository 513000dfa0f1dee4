import { ConfigError, loadConfig } from './app-config';

const base = { DATABASE_URL: 'postgres://app:secret@127.0.0.1:5432/stafett', AUDIT_HMAC_KEY: 'x'.repeat(32) };

describe('loadConfig', () => {
  it('reads a minimal environment with defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({ port: 3000, production: false, runMigrations: true, seedDemo: false });
    expect(config.migrationDatabaseUrl).toBe(base.DATABASE_URL);
  });

  it('names a missing DATABASE_URL', () => {
    expect(() => loadConfig({})).toThrow(new ConfigError('DATABASE_URL is missing: set it to a postgres:// connection URL'));
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x@y/z' }, /DATABASE_URL must start with postgres:\/\//],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL is not a valid URL/],
    [{ ...base, PORT: 'eighty' }, /PORT must be a number/],
    [{ ...base, PORT: '70000' }, /PORT must be a number/],
    [{ ...base, SEED_DEMO: 'yes' }, /SEED_DEMO must be true or false/],
    [{ ...base, LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ ...base, DATABASE_MIGRATION_URL: 'http://x' }, /DATABASE_MIGRATION_URL must start with postgres/],
    [{ ...base, AUDIT_HMAC_KEY: undefined }, /AUDIT_HMAC_KEY is missing/],
    [{ ...base, AUDIT_HMAC_KEY: 'short' }, /AUDIT_HMAC_KEY is too short/],
  ])('refuses %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
