// The audit chain as apps/api/src/audit/audit-chain.ts and audit.service.ts write it, for the
// benchmark's bulk rows and its bare-SQL replay: the same fields in the same order under the same
// HMAC, so the API keeps appending to a chain that `main.js --audit-verify` still accepts (the
// benchmark runs the verifier at the end, which is what keeps this copy honest).
import { createHmac, randomUUID } from 'node:crypto';

/** The chained fields in the order the HMAC covers them (and the insert lists them). */
export const ORDER = [
  'chain',
  'seq',
  'occurredAt',
  'municipalityId',
  'actorUserId',
  'actorRole',
  'actorUnitId',
  'subjectChildId',
  'action',
  'recordType',
  'recordId',
  'category',
  'basis',
  'basisRef',
  'outcome',
  'requestId',
  'prevHash',
];

export const GENESIS_HASH = '0'.repeat(64);

export function auditHash(fields, key) {
  return createHmac('sha256', key)
    .update(JSON.stringify(ORDER.map((name) => fields[name] ?? null)))
    .digest('hex');
}

/** The columns of audit_event in the order of AuditService.record()'s INSERT and of ORDER above (less the hash). */
const COLUMNS = [
  ['chain', 'text'],
  ['seq', 'bigint'],
  ['occurred_at', 'timestamptz'],
  ['municipality_id', 'uuid'],
  ['actor_user_id', 'uuid'],
  ['actor_role', 'text'],
  ['actor_unit_id', 'uuid'],
  ['subject_child_id', 'uuid'],
  ['action', 'text'],
  ['record_type', 'text'],
  ['record_id', 'text'],
  ['category', 'text'],
  ['basis', 'text'],
  ['basis_ref', 'uuid'],
  ['outcome', 'text'],
  ['request_id', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
];

/** A timestamp as the API stores and hashes it: UTC with microseconds. */
const microIso = (ms, micros) => `${new Date(ms).toISOString().slice(0, 23)}${String(micros).padStart(3, '0')}Z`;

/**
 * Appends `events` to the end of `chain` as one proper stretch of it: seq, prev_hash and HMAC as
 * the API computes them, timestamps evenly spread from just after the chain's last event (or 30
 * days ago) to a minute ago. `client` must be able to insert into audit_event past its seal (the
 * superuser). Returns how many rows it wrote.
 */
export async function appendToChain(client, chain, key, events, { batch = 5000 } = {}) {
  if (events.length === 0) return 0;
  // Ordered by the bigint column, not the text alias: "999" sorts after "6000".
  const { rows } = await client.query(
    `SELECT seq::text AS seq, hash, extract(epoch FROM occurred_at) * 1000 AS ms FROM audit_event WHERE chain = $1 ORDER BY audit_event.seq DESC LIMIT 1`,
    [chain],
  );
  let seq = rows.length ? BigInt(rows[0].seq) : 0n;
  let prevHash = rows.length ? rows[0].hash : GENESIS_HASH;
  const end = Date.now() - 60_000;
  const start = Math.min(rows.length ? Number(rows[0].ms) + 1 : end - 30 * 86_400_000, end - 1);
  const stepMicros = Math.max(1, Math.floor(((end - start) * 1000) / events.length));
  let written = 0;
  for (let from = 0; from < events.length; from += batch) {
    const columns = COLUMNS.map(() => []);
    for (const [i, event] of events.slice(from, from + batch).entries()) {
      const micros = Math.floor(start * 1000) + (from + i) * stepMicros;
      seq += 1n;
      const fields = {
        chain,
        seq: seq.toString(),
        occurredAt: microIso(Math.floor(micros / 1000), micros % 1000),
        municipalityId: event.municipalityId ?? null,
        actorUserId: event.actorUserId ?? null,
        actorRole: event.actorRole ?? null,
        actorUnitId: event.actorUnitId ?? null,
        subjectChildId: event.subjectChildId ?? null,
        action: event.action,
        recordType: event.recordType,
        recordId: event.recordId ?? null,
        category: event.category ?? null,
        basis: event.basis ?? null,
        basisRef: event.basisRef ?? null,
        outcome: event.outcome ?? 'success',
        requestId: event.requestId ?? randomUUID(),
        prevHash,
      };
      const hash = auditHash(fields, key);
      ORDER.forEach((name, c) => columns[c].push(fields[name]));
      columns[ORDER.length].push(hash);
      prevHash = hash;
    }
    await client.query(
      `INSERT INTO audit_event (${COLUMNS.map(([name]) => name).join(', ')})
       SELECT * FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ')})`,
      columns,
    );
    written += columns[0].length;
  }
  return written;
}
