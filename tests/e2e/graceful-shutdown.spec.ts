import { createTestDatabase, queryOnce, superuserUrl, TestDatabase } from '@stafett/testing';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, IncomingHttpHeaders, request } from 'node:http';
import { connect, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { ApiProcess, spawnApi } from './support/api-process';
import { signIn } from './support/sign-in';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: unknown;
  socket: Socket;
}

/** One GET over `agent` (kept-alive connections, one at a time), to 127.0.0.1 where the API listens. */
function get(port: number, path: string, agent: Agent, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const json = /json/.test(res.headers['content-type'] ?? '');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: json ? JSON.parse(text) : text, socket: req.socket as Socket });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Whether a new TCP connection to the port is refused (the server stopped listening). */
function refused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
  });
}

async function eventually<T>(what: string, attempt: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const result = await attempt();
    if (result) return result;
    if (Date.now() > until) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The promise's value, or a failure naming what did not happen within `ms` (never a hung test). */
async function within<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not within ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * SIGTERM to the built API while requests run, measured from outside as a load balancer and a
 * client see it. A request is kept in flight without any route for tests: the schema owner holds
 * an ACCESS EXCLUSIVE lock on `child`, so reading a child waits until the lock is let go.
 */
describe('graceful shutdown of the built API', () => {
  let db: TestDatabase;
  let api: ApiProcess | undefined;
  let holder: Client | undefined;
  let checkpointDir: string;
  let emmaId: string;

  beforeEach(async () => {
    db = await createTestDatabase();
    checkpointDir = mkdtempSync(join(tmpdir(), 'stafett-shutdown-'));
  });
  afterEach(async () => {
    await holder?.end().catch(() => undefined);
    holder = undefined;
    await api?.kill();
    api = undefined;
    await db?.drop();
    rmSync(checkpointDir, { recursive: true, force: true });
  });

  /** Starts the API, signs Kari in, and starts reading Emma behind the lock; resolves once that read waits on it. */
  async function startWithSlowRead(env: Record<string, string>) {
    api = await spawnApi(db, {
      RUN_MIGRATIONS: 'false',
      SEED_DEMO: 'true',
      AUDIT_SEAL_SECONDS: '3600',
      AUDIT_CHECKPOINT_FILE: join(checkpointDir, 'audit-checkpoints.jsonl'),
      ...env,
    });
    await api.waitFor(/Stafett listening/);
    const kari = await signIn(api.baseUrl, 'staff', 'Kari Larsen');
    [{ id: emmaId }] = await queryOnce<{ id: string }>(db.ownerUrl, `SELECT id FROM child WHERE given_name = 'Emma'`);
    holder = new Client({ connectionString: db.ownerUrl });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE child IN ACCESS EXCLUSIVE MODE');
    const slow = get(api.port, `/api/children/${emmaId}`, new Agent({ keepAlive: true, maxSockets: 1 }), { cookie: kari.cookie });
    // Kept from rejecting unobserved while the test waits for other things.
    slow.catch(() => undefined);
    await eventually('the read of Emma waits on the lock', async () => {
      const [{ n }] = await queryOnce<{ n: number }>(
        superuserUrl(db.name),
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND application_name = 'stafett-api' AND wait_event_type = 'Lock'`,
      );
      return n > 0;
    });
    return { api, slow };
  }

  it('answers 503 while the port stays open, lets the running request finish, then exits 0', async () => {
    const { api, slow } = await startWithSlowRead({ SHUTDOWN_DRAIN_SECONDS: '4', SHUTDOWN_TIMEOUT_SECONDS: '30' });
    // A kept-alive connection that is idle when the signal comes.
    const idle = await get(api.port, '/api/health/ready', new Agent({ keepAlive: true, maxSockets: 1 }));
    expect(idle.status).toBe(200);
    expect(idle.headers['connection']).toBe('keep-alive');
    const idleClosed = new Promise((resolve) => idle.socket.once('close', resolve));

    const signalledAt = Date.now();
    api.child.kill('SIGTERM');

    // The load balancer's probe: not ready, in the API's problem format, and told to reconnect.
    const probe = await eventually('readiness answers 503', async () => {
      const answer = await get(api.port, '/api/health/ready', new Agent({ keepAlive: true }));
      return answer.status === 503 && answer;
    });
    expect(probe.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(probe.body).toMatchObject({ status: 503, title: expect.any(String), checks: { shutdown: { status: 'down' } } });
    expect(probe.headers['connection']).toBe('close');
    await within(10_000, 'the idle kept-alive connection is closed', idleClosed);

    // After the drain the port closes, though the read still waits on the lock.
    await eventually('the port is closed', () => refused(api.port));
    expect(api.child.exitCode).toBeNull();

    await holder?.query('ROLLBACK');
    const read = await within(20_000, 'the running read answers', slow);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: emmaId, givenName: 'Emma' });
    expect(read.headers['connection']).toBe('close');

    const exit = await within(30_000, 'the API exits', api.exited);
    expect(exit).toMatchObject({ code: 0, signal: null });
    // Long before the deadline: nothing was left to wait for once the read had answered.
    expect(exit.at - signalledAt).toBeLessThan(30_000);
    expect(api.output()).toMatch(/"msg":"SIGTERM: not ready; closing the port in 4 s/);
    expect(api.output()).toMatch(/"msg":"stopped"/);
    expect(api.output()).not.toMatch(/were cut/);

    // The last seal ran after the request finished: it holds the head of Emma's municipality's chain.
    const [chainHead] = await queryOnce<{ chain: string; seq: string; hash: string }>(
      db.ownerUrl,
      `SELECT e.chain, e.seq::text AS seq, e.hash FROM audit_event e JOIN child c ON c.municipality_id::text = e.chain
        WHERE c.id = $1 ORDER BY e.seq DESC LIMIT 1`,
      [emmaId],
    );
    const lines = readFileSync(join(checkpointDir, 'audit-checkpoints.jsonl'), 'utf8').trim().split('\n');
    const last = JSON.parse(lines[lines.length - 1]) as { chains: Array<{ chain: string; seq: string; hash: string }> };
    expect(last.chains).toContainEqual(chainHead);
  }, 60_000);

  it('cuts a request still running SHUTDOWN_TIMEOUT_SECONDS after the signal, and still exits by then', async () => {
    const { api, slow } = await startWithSlowRead({ SHUTDOWN_DRAIN_SECONDS: '1', SHUTDOWN_TIMEOUT_SECONDS: '3' });
    const signalledAt = Date.now();
    api.child.kill('SIGTERM');

    const outcome = await within(
      20_000,
      'the running read is cut',
      slow.then(
        () => 'answered',
        (error: NodeJS.ErrnoException) => error.code,
      ),
    );
    const cutAt = Date.now();
    expect(outcome).toMatch(/^(ECONNRESET|EPIPE)$/);
    // Never before the deadline (a timer does not fire early; load only makes it later).
    expect(cutAt - signalledAt).toBeGreaterThanOrEqual(2900);

    const exit = await within(20_000, 'the API exits', api.exited);
    expect(exit).toMatchObject({ code: 0, signal: null });
    // The deadline plus the hooks (last seal, pool): seconds, with a wide margin for a loaded machine.
    expect(exit.at - signalledAt).toBeLessThan(3000 + 12_000);
    expect(api.output()).toMatch(/"msg":"1 request\(s\) still running 3 s after SIGTERM were cut"/);
    expect(api.output()).toMatch(/"msg":"stopped"/);
  }, 60_000);
});
