import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, GENEROUS_RATE_LIMITS, TEST_AUDIT_KEY } from './test-app';

const main = join(__dirname, '../../../dist/apps/api/main.js');

/** The built API (`dist/apps/api/main.js`) as an operator runs it: a process of its own, stopped by a signal. */
export interface ApiProcess {
  child: ChildProcess;
  port: number;
  /** http://localhost:<port> (the bundled identity provider's redirects use this origin). */
  baseUrl: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves when the output matches; rejects with the output after `ms`, or when the process exits first. */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  /** When and how the process ended (`at`: Date.now() at the exit event). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** SIGKILL if still running (for afterAll after a failed test). */
  kill(): Promise<void>;
}

/** Starts the API with a base environment (app login, owner login, test audit key) plus `env`. */
export async function spawnApi(database: { appUrl: string; ownerUrl: string }, env: Record<string, string>): Promise<ApiProcess> {
  if (!existsSync(main)) throw new Error('dist/apps/api/main.js is missing: npm test builds it before the e2e tier');
  const port = await freePort();
  const child = spawn(process.execPath, [main], {
    env: {
      PATH: process.env['PATH'] ?? '',
      DATABASE_URL: database.appUrl,
      DATABASE_MIGRATION_URL: database.ownerUrl,
      PORT: String(port),
      AUDIT_HMAC_KEY: TEST_AUDIT_KEY,
      LOG_LEVEL: 'info',
      ...GENEROUS_RATE_LIMITS,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  );
  let ended = false;
  void exited.then(() => (ended = true));
  const waitFor = async (pattern: RegExp, ms = 30_000) => {
    const until = Date.now() + ms;
    while (!pattern.test(output)) {
      if (ended) throw new Error(`the API exited before ${pattern} appeared:\n${output}`);
      if (Date.now() > until) throw new Error(`no ${pattern} in the API's output within ${ms} ms:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  return {
    child,
    port,
    baseUrl: `http://localhost:${port}`,
    output: () => output,
    waitFor,
    exited,
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
