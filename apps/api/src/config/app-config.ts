import { resolve } from 'node:path';
import { oidcProvider } from './oidc-config';
import type { OidcProviderConfig } from './oidc-config';

export type { ClientAuthentication, OidcProviderConfig } from './oidc-config';

/**
 * Configuration is read once at start and validated; a bad or missing variable stops the process
 * with one line that names it. Secrets come only from the environment.
 */
export interface AppConfig {
  production: boolean;
  port: number;
  /** Connection used by the running application (a role that does not own the tables). */
  databaseUrl: string;
  /** Connection that owns the schema and runs migrations; defaults to databaseUrl. */
  migrationDatabaseUrl: string;
  runMigrations: boolean;
  seedDemo: boolean;
  /** Folder with the built client; served at `/` when set. */
  webDistDir?: string;
  logLevel: string;
  /** Key of the audit trail's HMAC chain; kept outside the database so rows cannot be re-hashed there. */
  auditHmacKey: string;
  /**
   * Chains per municipality that appends are spread over (AUDIT_CHAIN_LANES): each has its own lock,
   * so that many requests of one municipality append at once; each is verified and sealed as any chain.
   */
  auditChainLanes: number;
  /** The address browsers use to reach this server; redirect URIs are built from it. */
  publicUrl: string;
  /** Identity providers: staff (the municipality's, e.g. Entra ID) and citizens (ID-porten). */
  identityProviders: Record<'staff' | 'citizen', OidcProviderConfig>;
  /** The bundled identity provider for development and tests; refused in production. */
  devIdentityProvider: boolean;
  /** Absolute session lifetime. */
  sessionHours: number;
  /** A session unused this long ends (SESSION_IDLE_MINUTES); activity is recorded at most once a minute. */
  sessionIdleMinutes: number;
  /** Where the audit chains' heads are sealed, and how often (SECURITY.md S28). */
  auditCheckpoints: AuditCheckpointConfig;
  /** Requests allowed per window, counted in PostgreSQL so that every replica shares them. */
  rateLimits: RateLimitConfig;
  /** How the process stops on SIGTERM or SIGINT (http/graceful-shutdown.ts). */
  shutdown: ShutdownConfig;
  /** The pool's size and every session's timeouts (SECURITY.md S30). */
  databaseLimits: DatabaseLimits;
}

export interface ShutdownConfig {
  /** Seconds readiness answers 503 while the port stays open, so that a load balancer takes this replica out. */
  drainSeconds: number;
  /** Seconds after the signal at which requests still running are cut; the last audit seal and pool close follow. */
  timeoutSeconds: number;
}

/**
 * What one request may take of the database: a connection from a pool of `poolSize`, waited for at
 * most `connectTimeoutMs`; statements, lock waits and idle open transactions end after their
 * timeouts. A request that meets a limit is answered 503 with Retry-After, never 500.
 */
export interface DatabaseLimits {
  poolSize: number;
  /** How long a request waits for a pooled connection, or for a new one to be established. */
  connectTimeoutMs: number;
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  idleInTransactionTimeoutMs: number;
  /** Name parameterised statements so each connection plans them once (prepared-statements.ts); off behind a transaction-mode pooler. */
  preparedStatements: boolean;
}

export interface AuditCheckpointConfig {
  /** `file`: JSON lines appended to `file`; `log`: one log line each, for a log shipper; `off`. */
  sink: 'file' | 'log' | 'off';
  /** Absolute path of the checkpoint file (also where the verifier reads them by default). */
  file: string;
  /** Seconds between seals. */
  sealSeconds: number;
}

export interface RateLimitConfig {
  windowSeconds: number;
  /** Per client IP, for each sign-in step (start, callback, the bundled provider's login). */
  signIn: number;
  /** POST, PATCH, PUT and DELETE per signed-in user. */
  writes: number;
  /** The list routes (cases, concerns, children, tasks, audit events, …) per signed-in user. */
  lists: number;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function postgresUrl(env: Env, name: string, required: boolean): string | undefined {
  const value = env[name];
  if (value === undefined || value === '') {
    if (required) throw new ConfigError(`${name} is missing: set it to a postgres:// connection URL`);
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL (expected postgres://user:password@host:port/database)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must start with postgres:// (got ${url.protocol}//)`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (value === 'true' || value === '1') return true;
  if (value === 'false' || value === '0') return false;
  throw new ConfigError(`${name} must be true or false (got "${value}")`);
}

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number, unit: string): number {
  const text = env[name] || String(fallback);
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number of ${unit} from ${min} to ${max} (got "${text}")`);
  }
  return value;
}

function rateLimits(env: Env): RateLimitConfig {
  return {
    windowSeconds: wholeNumber(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, 1, 3600, 'seconds'),
    signIn: wholeNumber(env, 'RATE_LIMIT_SIGN_IN', 20, 1, 1_000_000, 'requests'),
    writes: wholeNumber(env, 'RATE_LIMIT_WRITES', 60, 1, 1_000_000, 'requests'),
    lists: wholeNumber(env, 'RATE_LIMIT_LISTS', 120, 1, 1_000_000, 'requests'),
  };
}

function shutdown(env: Env): ShutdownConfig {
  const drainSeconds = wholeNumber(env, 'SHUTDOWN_DRAIN_SECONDS', 5, 0, 300, 'seconds');
  const timeoutSeconds = wholeNumber(env, 'SHUTDOWN_TIMEOUT_SECONDS', 25, 1, 3600, 'seconds');
  // The timeout counts from the signal: a drain as long would cut every request the moment it ends.
  if (drainSeconds >= timeoutSeconds) {
    throw new ConfigError(
      `SHUTDOWN_DRAIN_SECONDS (${drainSeconds}) must be less than SHUTDOWN_TIMEOUT_SECONDS (${timeoutSeconds}): the timeout counts from the signal`,
    );
  }
  return { drainSeconds, timeoutSeconds };
}

/**
 * Read on its own too: the TypeORM CLI's data source (`db:migrate`) has no audit key and so never
 * calls loadConfig.
 */
export function databaseLimits(env: Env = process.env): DatabaseLimits {
  return {
    poolSize: wholeNumber(env, 'DATABASE_POOL_SIZE', 10, 1, 500, 'connections'),
    connectTimeoutMs: wholeNumber(env, 'DATABASE_CONNECT_TIMEOUT_MS', 3000, 100, 60_000, 'milliseconds'),
    statementTimeoutMs: wholeNumber(env, 'DATABASE_STATEMENT_TIMEOUT_MS', 15_000, 100, 3_600_000, 'milliseconds'),
    lockTimeoutMs: wholeNumber(env, 'DATABASE_LOCK_TIMEOUT_MS', 5000, 100, 3_600_000, 'milliseconds'),
    idleInTransactionTimeoutMs: wholeNumber(env, 'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 30_000, 100, 3_600_000, 'milliseconds'),
    preparedStatements: flag(env, 'DATABASE_PREPARED_STATEMENTS', true),
  };
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function loadConfig(env: Env = process.env): AppConfig {
  const production = env['NODE_ENV'] === 'production';
  const portText = env['PORT'] ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be a number between 0 and 65535 (got "${portText}")`);
  }
  const databaseUrl = postgresUrl(env, 'DATABASE_URL', true) as string;
  const migrationDatabaseUrl = postgresUrl(env, 'DATABASE_MIGRATION_URL', false) ?? databaseUrl;
  const logLevel = env['LOG_LEVEL'] ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${logLevel}")`);
  }
  const auditHmacKey = env['AUDIT_HMAC_KEY'] ?? '';
  if (auditHmacKey.length < 32) {
    throw new ConfigError(
      `AUDIT_HMAC_KEY ${auditHmacKey ? 'is too short' : 'is missing'}: set it to a random secret of at least 32 characters`,
    );
  }
  const publicUrl = (env['PUBLIC_URL'] ?? `http://localhost:${port}`).replace(/\/$/, '');
  if (!/^https?:\/\/[^/]+$/.test(publicUrl))
    throw new ConfigError(`PUBLIC_URL must be an origin such as https://stafett.example.no (got "${publicUrl}")`);
  const devIdentityProvider = flag(env, 'DEV_IDENTITY_PROVIDER', !production && !env['OIDC_STAFF_ISSUER']);
  if (production && devIdentityProvider) {
    throw new ConfigError('DEV_IDENTITY_PROVIDER must not be enabled in production: configure OIDC_STAFF_* and OIDC_CITIZEN_*');
  }
  const provider = (prefix: 'OIDC_STAFF' | 'OIDC_CITIZEN', audience: 'staff' | 'citizen'): OidcProviderConfig =>
    oidcProvider(env, prefix, audience, { devIdentityProvider, production, publicUrl });
  const sessionText = env['SESSION_HOURS'] ?? '8';
  const sessionHours = Number(sessionText);
  if (!/^\d+$/.test(sessionText) || sessionHours < 1 || sessionHours > 24) {
    throw new ConfigError(`SESSION_HOURS must be a whole number of hours from 1 to 24 (got "${sessionText}")`);
  }
  const sessionIdleMinutes = wholeNumber(env, 'SESSION_IDLE_MINUTES', 30, 2, 1440, 'minutes');
  if (sessionIdleMinutes > sessionHours * 60) {
    throw new ConfigError(`SESSION_IDLE_MINUTES (${sessionIdleMinutes}) must not exceed SESSION_HOURS (${sessionHours}) in minutes`);
  }
  const sealText = env['AUDIT_SEAL_SECONDS'] ?? '5';
  const sealSeconds = Number(sealText);
  if (!/^\d+$/.test(sealText) || sealSeconds < 1 || sealSeconds > 3600) {
    throw new ConfigError(`AUDIT_SEAL_SECONDS must be a whole number of seconds from 1 to 3600 (got "${sealText}")`);
  }
  const sink = env['AUDIT_CHECKPOINT_SINK'] || 'file';
  if (sink !== 'file' && sink !== 'log' && sink !== 'off') {
    throw new ConfigError(`AUDIT_CHECKPOINT_SINK must be file, log or off (got "${sink}")`);
  }
  const checkpointFile = resolve(env['AUDIT_CHECKPOINT_FILE'] || resolve(env['STAFETT_DATA_DIR'] || '.data', 'audit-checkpoints.jsonl'));
  return {
    production,
    port,
    databaseUrl,
    migrationDatabaseUrl,
    runMigrations: flag(env, 'RUN_MIGRATIONS', true),
    seedDemo: flag(env, 'SEED_DEMO', false),
    webDistDir: env['WEB_DIST_DIR'] || undefined,
    logLevel,
    auditHmacKey,
    auditChainLanes: wholeNumber(env, 'AUDIT_CHAIN_LANES', 1, 1, 64, 'chains'),
    publicUrl,
    identityProviders: { staff: provider('OIDC_STAFF', 'staff'), citizen: provider('OIDC_CITIZEN', 'citizen') },
    devIdentityProvider,
    sessionHours,
    sessionIdleMinutes,
    auditCheckpoints: { sink, file: checkpointFile, sealSeconds },
    rateLimits: rateLimits(env),
    shutdown: shutdown(env),
    databaseLimits: databaseLimits(env),
  };
}

/** Nest injection token for the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');
