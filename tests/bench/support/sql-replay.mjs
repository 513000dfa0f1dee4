// The bare-SQL variant of each benchmarked request: the statements the API sent for one real
// request of that kind (captured by capture-queries.cjs in a second API process), replayed from a
// plain `pg` client with the ids of another target swapped in — case, child, consent, user,
// session-token hash, rate-limit key — and the audit append recomputed as AuditService.append()
// does (the chain's head under its lock, then per row the next seq, previous hash, the database's
// clock, the HMAC, all rows in one insert), so the chain stays whole.
// What it leaves out is what the API does besides SQL: HTTP, Nest's pipes and guards, CASL,
// validation, mapping and JSON. What it keeps differs only in that one client runs the whole
// request (the API takes a pooled connection per statement outside a transaction).
import { createHash, createHmac, hkdfSync, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { auditHash, ORDER as FIELD_ORDER } from './audit-chain.mjs';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
/** The chain's lock, last row and the database's clock in one call (migration 1796400000000). */
const AUDIT_HEAD = /^SELECT last_seq, last_hash, appended_at FROM stafett_audit_head\(\$1\)$/;
/** Every event of the request in one insert, a column per parameter (arrays in FIELD_ORDER, then the hashes). */
const AUDIT_INSERT =
  /^INSERT INTO audit_event \(chain, seq, occurred_at, municipality_id, actor_user_id, actor_role, actor_unit_id, subject_child_id,\s+action, record_type, record_id, category, basis, basis_ref, outcome, request_id, prev_hash, hash\) SELECT \* FROM unnest\(/;

/** The session cookie's token as user_session stores it (SessionsService.hashToken). */
export const tokenHash = (token) => createHash('sha256').update(token).digest('hex');

/** A user's rate-limit row key as PostgresThrottlerStorage stores it, for `writes` or `lists` (RateLimitGuard.generateKey). */
export function rateLimitKey(auditKey, limit, userId) {
  const key = Buffer.from(hkdfSync('sha256', auditKey, 'stafett', 'rate-limit keys', 32));
  return createHmac('sha256', key).update(`${limit}:*:user:${userId}`).digest('hex');
}

/** Statements appended to the capture file since byte `offset`, and where the file ends now. */
export function readCapture(file, offset) {
  const bytes = readFileSync(file);
  const text = bytes.subarray(offset).toString('utf8');
  return {
    size: bytes.length,
    statements: text
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line)),
  };
}

const normalise = (text) => text.trim().replace(/\s+/g, ' ');

/**
 * As the API's pool sends them (apps/api/src/database/prepared-statements.ts): a statement with
 * parameters is named after a hash of its text, so each replay connection plans it once too.
 */
const named = (text, values) =>
  values.length > 0 ? { name: `stafett_${createHash('sha256').update(text).digest('hex').slice(0, 24)}`, text, values } : { text, values };

/**
 * A captured request ready to be replayed: checks that the audit statements are the ones this
 * replay knows how to recompute (it fails loudly when AuditService changes, instead of replaying
 * something else), and lists every id in the parameters that neither `map` nor `constants` covers.
 */
export function template(statements, { name, map, constants }) {
  const audited = statements.filter((s) => /audit_event/.test(s.text));
  for (const s of audited) {
    const text = normalise(s.text);
    if (!AUDIT_HEAD.test(text) && !AUDIT_INSERT.test(text))
      throw new Error(`${name}: the API now touches audit_event with a statement the replay does not know: ${text.slice(0, 160)}`);
  }
  // Events, not statements: the one insert carries a row per event.
  const inserts = statements.filter((s) => AUDIT_INSERT.test(normalise(s.text))).reduce((n, s) => n + s.values[0].length, 0);
  const fresh = new Set();
  for (const s of statements)
    if (/^INSERT INTO \w+ \(id,/.test(normalise(s.text)) && typeof s.values[0] === 'string') fresh.add(s.values[0]);
  const unmapped = new Set();
  const visit = (value) => {
    if (typeof value === 'string')
      for (const id of value.match(UUID) ?? []) if (!map.has(id) && !constants.has(id) && !fresh.has(id)) unmapped.add(id);
    if (Array.isArray(value)) value.forEach(visit);
  };
  for (const s of statements) if (!AUDIT_INSERT.test(normalise(s.text))) s.values.forEach(visit);
  return {
    name,
    statements: statements.map((s) => ({ ...s, kind: kindOf(s.text) })),
    auditInserts: inserts,
    fresh,
    unmapped: [...unmapped],
  };
}

function kindOf(text) {
  const t = normalise(text);
  if (AUDIT_HEAD.test(t)) return 'auditHead';
  if (AUDIT_INSERT.test(t)) return 'auditInsert';
  return 'plain';
}

function substitute(value, map) {
  if (typeof value === 'string') {
    if (map.has(value)) return map.get(value);
    return value.includes('-') ? value.replace(UUID, (id) => map.get(id) ?? id) : value;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, map));
  return value;
}

/**
 * Runs one captured request on `client` for another target: `map` takes the template's ids (and
 * token hash, rate-limit key) to this request's. Returns nothing; throws on a failed statement,
 * after rolling back an open transaction.
 */
let nextLane = 0;

/**
 * The chain this replayed request appends to: as the API's AuditService.laneOf() picks it, the
 * municipality's own chain or, with `lanes` above 1, its next lane in turn.
 */
function laneOf(chain, lanes) {
  if (lanes <= 1 || chain === 'system') return chain;
  const base = chain.split(':')[0];
  const lane = nextLane++ % lanes;
  return lane === 0 ? base : `${base}:${lane}`;
}

export async function replay(client, tpl, map, auditKey, lanes = 1) {
  const ids = new Map(map);
  for (const id of tpl.fresh) ids.set(id, randomUUID());
  const requestId = randomUUID();
  /** Each chain's head as stafett_audit_head() answered it in this transaction. */
  const heads = new Map();
  /** The captured chain → the lane this request uses instead. */
  const chains = new Map();
  let open = false;
  try {
    for (const s of tpl.statements) {
      const began = performance.now();
      if (s.kind === 'auditInsert') {
        const columns = substitute(s.values, ids);
        const rows = columns[0].map((_, r) => Object.fromEntries(FIELD_ORDER.map((name, i) => [name, columns[i][r]])));
        for (const fields of rows) {
          fields.chain = chains.get(fields.chain) ?? fields.chain;
          const head = heads.get(fields.chain);
          if (!head) throw new Error(`${tpl.name}: an audit row for chain ${fields.chain} without its head read first`);
          head.seq += 1n;
          fields.seq = head.seq.toString();
          fields.prevHash = head.hash;
          fields.occurredAt = head.appendedAt;
          fields.requestId = requestId;
          head.hash = auditHash(fields, auditKey);
          fields.hash = head.hash;
        }
        await client.query(
          named(
            s.text,
            [...FIELD_ORDER, 'hash'].map((name) => rows.map((fields) => fields[name])),
          ),
        );
        s.ms += performance.now() - began;
        continue;
      }
      const values = substitute(s.values, ids);
      if (s.kind === 'auditHead') {
        chains.set(values[0], laneOf(values[0], lanes));
        values[0] = chains.get(values[0]);
      }
      const result = await client.query(named(s.text, values));
      s.ms += performance.now() - began;
      if (s.kind === 'auditHead') {
        const [row] = result.rows;
        heads.set(values[0], {
          seq: row.last_seq === null ? 0n : BigInt(row.last_seq),
          hash: row.last_hash ?? '0'.repeat(64),
          appendedAt: row.appended_at,
        });
      } else if (/^START TRANSACTION|^BEGIN/i.test(s.text)) open = true;
      else if (/^COMMIT|^ROLLBACK/i.test(s.text)) open = false;
    }
  } catch (error) {
    if (open) await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Where a replay's time went: its statements grouped by SQL text (the audit insert's repetitions together), the largest first. */
export function timeByStatement(tpl, requests, top = 5) {
  const groups = new Map();
  for (const s of tpl.statements) {
    const text = normalise(s.text);
    const g = groups.get(text) ?? { sql: text.slice(0, 120), times: 0, ms: 0 };
    g.times++;
    g.ms += s.ms;
    groups.set(text, g);
  }
  const total = [...groups.values()].reduce((sum, g) => sum + g.ms, 0);
  return [...groups.values()]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, top)
    .map((g) => ({ sql: g.sql, perRequest: g.times, msPerRequest: requests ? g.ms / requests : NaN, share: total ? g.ms / total : NaN }));
}

/** Starts counting anew (after the warm-up). */
export function resetTimes(tpl) {
  for (const s of tpl.statements) s.ms = 0;
}
