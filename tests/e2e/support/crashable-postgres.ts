import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** A PostgreSQL server of the test's own (crashable-postgres.mjs), migrated, seeded with the demo and sealed. */
export interface CrashablePostgres {
  appUrl: string;
  ownerUrl: string;
  superUrl: string;
  /** SIGKILL to the postmaster and its backends: a crash. */
  kill(): Promise<void>;
  /** Starts it again on the same data directory and port; resolves once it accepts connections. */
  start(): Promise<void>;
  quit(): Promise<void>;
}

type Event = { event: string; message?: string; appUrl?: string; ownerUrl?: string; superUrl?: string };

export async function startCrashablePostgres(): Promise<CrashablePostgres> {
  const child = spawn(process.execPath, [join(__dirname, 'crashable-postgres.mjs')], { stdio: ['pipe', 'pipe', 'pipe'] });
  const events: Event[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 1);
      if (line.startsWith('{')) events.push(JSON.parse(line) as Event);
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));

  const next = async (expected: string, ms: number): Promise<Event> => {
    const until = Date.now() + ms;
    for (;;) {
      const event = events.shift();
      if (event?.event === expected) return event;
      if (event?.event === 'failed') throw new Error(`crashable PostgreSQL: ${event.message}`);
      if (!event) {
        if (child.exitCode !== null) throw new Error(`crashable PostgreSQL exited (${child.exitCode}): ${stderr}`);
        if (Date.now() > until) throw new Error(`crashable PostgreSQL: no "${expected}" within ${ms} ms: ${stderr}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
  };
  const send = async (command: string, expected: string, ms: number) => {
    child.stdin?.write(`${command}\n`);
    await next(expected, ms);
  };

  const ready = await next('ready', 60000);
  return {
    appUrl: ready.appUrl as string,
    ownerUrl: ready.ownerUrl as string,
    superUrl: ready.superUrl as string,
    kill: () => send('kill', 'killed', 15000),
    start: () => send('start', 'started', 30000),
    quit: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.stdin?.end('quit\n');
      await exited;
    },
  };
}
