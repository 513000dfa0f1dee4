import { generateKeyPairSync } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const RSA_PEM = rsa.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
const EC_JWK = JSON.stringify({ ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }), kid: 'ec-1' });

const base = { DATABASE_URL: 'postgres://app:secret@127.0.0.1:5432/stafett', AUDIT_HMAC_KEY: 'x'.repeat(32) };

describe('loadConfig', () => {
  it('reads a minimal environment with defaults', () => {
    const config = loadConfig(base);
    expect(config).toMatchObject({ port: 3000, production: false, runMigrations: true, seedDemo: false });
    expect(config.migrationDatabaseUrl).toBe(base.DATABASE_URL);
  });

  it('uses the bundled identity provider outside production unless issuers are configured', () => {
    expect(loadConfig(base)).toMatchObject({
      devIdentityProvider: true,
      identityProviders: { staff: { issuer: 'http://localhost:3000/idp/staff' }, citizen: { issuer: 'http://localhost:3000/idp/citizen' } },
    });
    const external = {
      ...base,
      NODE_ENV: 'production',
      OIDC_STAFF_ISSUER: 'https://login.example/tenant/v2.0',
      OIDC_STAFF_CLIENT_ID: 'a',
      OIDC_STAFF_CLIENT_SECRET: 'b',
      OIDC_CITIZEN_ISSUER: 'https://idporten.example',
      OIDC_CITIZEN_CLIENT_ID: 'c',
      OIDC_CITIZEN_PRIVATE_KEY: RSA_PEM,
      OIDC_CITIZEN_PRIVATE_KEY_ID: 'rsa-1',
      OIDC_CITIZEN_ACR_VALUES: 'idporten-loa-substantial',
    };
    expect(loadConfig(external)).toMatchObject({
      devIdentityProvider: false,
      production: true,
      identityProviders: {
        staff: { clientAuth: { method: 'client_secret_basic', secret: 'b' }, acrValues: [] },
        citizen: { clientAuth: { method: 'private_key_jwt', kid: 'rsa-1', alg: 'RS256' }, acrValues: ['idporten-loa-substantial'] },
      },
    });
  });

  it('reads the client key as a JWK with its own kid, and a PEM with newlines written as \\n', () => {
    const external = {
      ...base,
      OIDC_STAFF_ISSUER: 'https://login.example/v2.0',
      OIDC_STAFF_CLIENT_ID: 'a',
      OIDC_STAFF_PRIVATE_KEY: EC_JWK,
      OIDC_CITIZEN_ISSUER: 'https://idporten.example',
      OIDC_CITIZEN_CLIENT_ID: 'c',
      OIDC_CITIZEN_PRIVATE_KEY: RSA_PEM.replace(/\n/g, '\\n'),
      OIDC_CITIZEN_PRIVATE_KEY_ID: 'rsa-1',
    };
    const config = loadConfig(external);
    expect(config.identityProviders.staff.clientAuth).toMatchObject({ method: 'private_key_jwt', kid: 'ec-1', alg: 'ES256' });
    expect(config.identityProviders.citizen.clientAuth).toMatchObject({ method: 'private_key_jwt', kid: 'rsa-1', alg: 'RS256' });
  });

  it('gives the bundled provider’s citizen client private_key_jwt and substantial, and a 30-minute idle timeout by default', () => {
    const config = loadConfig(base);
    expect(config.identityProviders.citizen).toMatchObject({
      clientAuth: { method: 'private_key_jwt', kid: 'stafett-dev-client', alg: 'ES256' },
      acrValues: ['idporten-loa-substantial'],
    });
    expect(config.identityProviders.staff.clientAuth).toEqual({ method: 'client_secret_basic', secret: 'dev-only' });
    expect(config.sessionIdleMinutes).toBe(30);
  });

  const idPorten = {
    ...base,
    NODE_ENV: 'production',
    OIDC_STAFF_ISSUER: 'https://login.example/v2.0',
    OIDC_STAFF_CLIENT_ID: 'a',
    OIDC_STAFF_CLIENT_SECRET: 'b',
    OIDC_CITIZEN_ISSUER: 'https://idporten.example',
    OIDC_CITIZEN_CLIENT_ID: 'c',
  };
  it.each([
    [{ ...idPorten, OIDC_CITIZEN_CLIENT_SECRET: 'd', OIDC_CITIZEN_ACR_VALUES: 'idporten-loa-high' }, /ID-porten requires private_key_jwt/],
    [
      { ...idPorten, OIDC_CITIZEN_PRIVATE_KEY: RSA_PEM, OIDC_CITIZEN_PRIVATE_KEY_ID: 'k' },
      /OIDC_CITIZEN_ACR_VALUES must be idporten-loa-substantial or idporten-loa-high in production \(got ""\)/,
    ],
    [
      { ...idPorten, OIDC_CITIZEN_PRIVATE_KEY: RSA_PEM, OIDC_CITIZEN_ACR_VALUES: 'idporten-loa-high' },
      /OIDC_CITIZEN_PRIVATE_KEY_ID is missing/,
    ],
    [
      { ...idPorten, OIDC_CITIZEN_PRIVATE_KEY: 'not a key', OIDC_CITIZEN_PRIVATE_KEY_ID: 'k' },
      /OIDC_CITIZEN_PRIVATE_KEY is not a private key/,
    ],
    [{ ...idPorten, OIDC_CITIZEN_CLIENT_AUTH: 'private_key_jwt' }, /OIDC_CITIZEN_PRIVATE_KEY is missing/],
    [
      { ...idPorten, OIDC_CITIZEN_CLIENT_AUTH: 'client_secret_post' },
      /OIDC_CITIZEN_CLIENT_AUTH must be private_key_jwt or client_secret_basic/,
    ],
    [{ ...base, SESSION_IDLE_MINUTES: '1' }, /SESSION_IDLE_MINUTES must be a whole number of minutes from 2 to 1440/],
    [{ ...base, SESSION_HOURS: '1', SESSION_IDLE_MINUTES: '90' }, /SESSION_IDLE_MINUTES \(90\) must not exceed SESSION_HOURS \(1\)/],
  ])('refuses an identity provider or session setting that would not hold: %#', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('seals audit checkpoints every 5 seconds into a file under the data folder by default', () => {
    expect(loadConfig(base).auditCheckpoints).toEqual({ sink: 'file', file: resolve('.data/audit-checkpoints.jsonl'), sealSeconds: 5 });
    expect(loadConfig({ ...base, STAFETT_DATA_DIR: '/var/lib/stafett' }).auditCheckpoints.file).toBe(
      '/var/lib/stafett/audit-checkpoints.jsonl',
    );
    expect(
      loadConfig({ ...base, AUDIT_CHECKPOINT_SINK: 'log', AUDIT_CHECKPOINT_FILE: '/tmp/c.jsonl', AUDIT_SEAL_SECONDS: '30' })
        .auditCheckpoints,
    ).toEqual({ sink: 'log', file: '/tmp/c.jsonl', sealSeconds: 30 });
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
    [{ ...base, NODE_ENV: 'production', DEV_IDENTITY_PROVIDER: 'true' }, /DEV_IDENTITY_PROVIDER must not be enabled in production/],
    [{ ...base, NODE_ENV: 'production' }, /OIDC_STAFF_ISSUER is missing/],
    [{ ...base, OIDC_STAFF_ISSUER: 'https://login.example/v2.0' }, /OIDC_STAFF_CLIENT_ID is missing/],
    [{ ...base, PUBLIC_URL: 'localhost:3000' }, /PUBLIC_URL must be an origin/],
    [{ ...base, SESSION_HOURS: '0' }, /SESSION_HOURS must be/],
    [{ ...base, AUDIT_SEAL_SECONDS: '0' }, /AUDIT_SEAL_SECONDS must be a whole number of seconds from 1 to 3600 \(got "0"\)/],
    [{ ...base, AUDIT_SEAL_SECONDS: '2.5' }, /AUDIT_SEAL_SECONDS must be/],
    [{ ...base, AUDIT_CHECKPOINT_SINK: 'syslog' }, /AUDIT_CHECKPOINT_SINK must be file, log or off \(got "syslog"\)/],
  ])('refuses %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});

describe('loadConfig: shutdown', () => {
  it('drains for 5 seconds and cuts what still runs 25 seconds after the signal by default', () => {
    expect(loadConfig(base).shutdown).toEqual({ drainSeconds: 5, timeoutSeconds: 25 });
    expect(loadConfig({ ...base, SHUTDOWN_DRAIN_SECONDS: '0', SHUTDOWN_TIMEOUT_SECONDS: '2' }).shutdown).toEqual({
      drainSeconds: 0,
      timeoutSeconds: 2,
    });
  });

  it.each([
    [{ SHUTDOWN_DRAIN_SECONDS: '-1' }, /^SHUTDOWN_DRAIN_SECONDS must be a whole number of seconds from 0 to 300 \(got "-1"\)$/],
    [{ SHUTDOWN_DRAIN_SECONDS: '0.5' }, /^SHUTDOWN_DRAIN_SECONDS must be a whole number/],
    [{ SHUTDOWN_TIMEOUT_SECONDS: '0' }, /^SHUTDOWN_TIMEOUT_SECONDS must be a whole number of seconds from 1 to 3600/],
    [{ SHUTDOWN_TIMEOUT_SECONDS: '25000' }, /^SHUTDOWN_TIMEOUT_SECONDS must be a whole number/],
    [{ SHUTDOWN_DRAIN_SECONDS: '30' }, /^SHUTDOWN_DRAIN_SECONDS \(30\) must be less than SHUTDOWN_TIMEOUT_SECONDS \(25\)/],
  ])('refuses %p with a message naming the variable', (env, message) => {
    expect(() => loadConfig({ ...base, ...env })).toThrow(message);
  });
});

describe('loadConfig: rate limits', () => {
  it('defaults to production limits per minute', () => {
    expect(loadConfig(base).rateLimits).toEqual({ windowSeconds: 60, signIn: 20, writes: 60, lists: 120 });
  });

  it('reads each limit from the environment', () => {
    const env = { ...base, RATE_LIMIT_WINDOW_SECONDS: '10', RATE_LIMIT_SIGN_IN: '5', RATE_LIMIT_WRITES: '7', RATE_LIMIT_LISTS: '9' };
    expect(loadConfig(env).rateLimits).toEqual({ windowSeconds: 10, signIn: 5, writes: 7, lists: 9 });
  });

  it.each([
    ['RATE_LIMIT_WINDOW_SECONDS', '0'],
    ['RATE_LIMIT_WINDOW_SECONDS', '3601'],
    ['RATE_LIMIT_SIGN_IN', 'many'],
    ['RATE_LIMIT_WRITES', '-1'],
    ['RATE_LIMIT_LISTS', '1.5'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(new RegExp(`^${name} must be a whole number`));
  });
});

describe('loadConfig: database limits', () => {
  it('sets a pool of 10 and every timeout by default', () => {
    expect(loadConfig(base).databaseLimits).toEqual({
      poolSize: 10,
      connectTimeoutMs: 3000,
      statementTimeoutMs: 15000,
      lockTimeoutMs: 5000,
      idleInTransactionTimeoutMs: 30000,
      preparedStatements: true,
    });
  });

  it('reads each limit from the environment', () => {
    const env = {
      ...base,
      DATABASE_POOL_SIZE: '4',
      DATABASE_CONNECT_TIMEOUT_MS: '500',
      DATABASE_STATEMENT_TIMEOUT_MS: '60000',
      DATABASE_LOCK_TIMEOUT_MS: '1000',
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '10000',
      DATABASE_PREPARED_STATEMENTS: 'false',
    };
    expect(loadConfig(env).databaseLimits).toEqual({
      poolSize: 4,
      connectTimeoutMs: 500,
      statementTimeoutMs: 60000,
      lockTimeoutMs: 1000,
      idleInTransactionTimeoutMs: 10000,
      preparedStatements: false,
    });
  });

  it.each([
    ['DATABASE_POOL_SIZE', '0', /^DATABASE_POOL_SIZE must be a whole number of connections from 1 to 500 \(got "0"\)$/],
    ['DATABASE_POOL_SIZE', 'ten', /^DATABASE_POOL_SIZE must be a whole number/],
    ['DATABASE_CONNECT_TIMEOUT_MS', '50', /^DATABASE_CONNECT_TIMEOUT_MS must be a whole number of milliseconds from 100 to 60000/],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '15s', /^DATABASE_STATEMENT_TIMEOUT_MS must be a whole number of milliseconds/],
    ['DATABASE_LOCK_TIMEOUT_MS', '-1', /^DATABASE_LOCK_TIMEOUT_MS must be a whole number/],
    ['DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', '1e4', /^DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS must be a whole number/],
    ['DATABASE_STATEMENT_TIMEOUT_MS', '3600001', /^DATABASE_STATEMENT_TIMEOUT_MS must be a whole number/],
    ['AUDIT_CHAIN_LANES', '0', /^AUDIT_CHAIN_LANES must be a whole number of chains from 1 to 64/],
    ['DATABASE_PREPARED_STATEMENTS', 'yes', /^DATABASE_PREPARED_STATEMENTS must be true or false \(got "yes"\)$/],
  ])('refuses %s=%s with a message naming it', (name, value, message) => {
    expect(() => loadConfig({ ...base, [name]: value })).toThrow(message);
  });
});
