import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, GENEROUS_RATE_LIMITS, TEST_AUDIT_KEY } from './test-app';

const main = join(__dirname, '../../../dist/apps/api/main.js');

/** The built API as an operator runs it: its own process, environment and log output. */
export interface ApiProcess {
  baseUrl: string;
  process: ChildProcess;
  /** Everything it wrote to stdout and stderr so far. */
  output(): string;
  /** Its JSON log lines so far (from a position in output(), e.g. its length before a fault). */
  logLines(from?: number): Array<Record<string, unknown> & { level?: number; msg?: string }>;
  stop(): Promise<void>;
}

export async function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  const port = await freePort();
  const checkpointDir = mkdtempSync(join(tmpdir(), 'stafett-checkpoints-'));
  let output = '';
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env['PATH'] ?? '',
      RUN_MIGRATIONS: 'false',
      PORT: String(port),
      AUDIT_HMAC_KEY: TEST_AUDIT_KEY,
      AUDIT_CHECKPOINT_FILE: join(checkpointDir, 'audit-checkpoints.jsonl'),
      LOG_LEVEL: 'info',
      ...GENEROUS_RATE_LIMITS,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(checkpointDir, { recursive: true, force: true });
  };
  const until = Date.now() + 30000;
  while (!/Stafett listening/.test(output)) {
    if (Date.now() > until || child.exitCode !== null) {
      await stop();
      throw new Error(`the API did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    baseUrl: `http://localhost:${port}`,
    process: child,
    output: () => output,
    logLines: (from = 0) =>
      output
        .slice(from)
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    stop,
  };
}

/** What a client saw of one request: status, the headers that matter here, the parsed body, how long it took. */
export interface Answer {
  status: number;
  type: string | null;
  retryAfter: string | null;
  body: unknown;
  ms: number;
}

export async function call(baseUrl: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const started = performance.now();
  try {
    const res = await fetch(`${baseUrl}${path}`, { ...init, signal: AbortSignal.timeout(30000) });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: kept as text, and the assertions on the body say so */
    }
    return {
      status: res.status,
      type: res.headers.get('content-type'),
      retryAfter: res.headers.get('retry-after'),
      body,
      ms: performance.now() - started,
    };
  } catch (error) {
    // No answer at all (the API gone, a hung request): status 0, which no assertion accepts.
    return { status: 0, type: null, retryAfter: null, body: String(error), ms: performance.now() - started };
  }
}

/** The answer to a request the database could not serve now: 503 problem+json with Retry-After, nothing internal. */
export function expectDatabaseUnavailable(answer: Answer): void {
  expect(answer).toMatchObject({ status: 503, type: expect.stringMatching(/^application\/problem\+json/) });
  expect(Number(answer.retryAfter)).toBeGreaterThanOrEqual(1);
  expect(Number(answer.retryAfter)).toBeLessThanOrEqual(5);
  expect(answer.body).toEqual({
    type: 'https://stafett.no/problems/503',
    title: 'Service Unavailable',
    status: 503,
    detail: expect.stringMatching(/^The database is (busy|unavailable); try again in a few seconds$/),
    requestId: expect.any(String),
  });
}

/**
 * Takes a lock on `table` as the schema owner, in a transaction left open until release().
 * `ACCESS EXCLUSIVE` (an ALTER TABLE's) blocks every query that reads the table, row-level security
 * policies that look into it included; `EXCLUSIVE` blocks only writes to it.
 */
export async function holdLock(
  ownerUrl: string,
  table: string,
  mode: 'ACCESS EXCLUSIVE' | 'EXCLUSIVE' = 'ACCESS EXCLUSIVE',
): Promise<{ release(): Promise<void> }> {
  const client = new Client({ connectionString: ownerUrl });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${client.escapeIdentifier(table)} IN ${mode} MODE`);
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await client.query('ROLLBACK').catch(() => undefined);
      await client.end();
    },
  };
}
