import { createHmac } from 'node:crypto';

/** The fields an audit row's HMAC covers, in a fixed order. */
export interface AuditChainFields {
  chain: string;
  seq: string;
  occurredAt: string;
  municipalityId: string | null;
  actorUserId: string | null;
  actorRole: string | null;
  actorUnitId: string | null;
  subjectChildId: string | null;
  action: string;
  recordType: string;
  recordId: string | null;
  category: string | null;
  basis: string | null;
  basisRef: string | null;
  outcome: string;
  requestId: string | null;
  prevHash: string;
}

const ORDER: Array<keyof AuditChainFields> = [
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

/** The hash the first row of every chain points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** HMAC-SHA256 over the row's fields as a JSON array in fixed order; the key never enters the database. */
export function auditHash(fields: AuditChainFields, key: string): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(ORDER.map((name) => fields[name] ?? null)))
    .digest('hex');
}

export type ChainBreak = { chain: string; seq: string; id: string; problem: 'hash' | 'link' | 'gap' };

/**
 * Walks one chain in seq order and returns the first broken row: a row whose content no longer
 * matches its HMAC (edited, or re-hashed without the key), whose prev_hash does not match the row
 * before (re-linked), or that follows a gap in seq (a row was deleted).
 */
export function findChainBreak(
  rows: Array<AuditChainFields & { id: string; hash: string }>,
  key: string,
  position: ChainPosition = { prevHash: GENESIS_HASH, nextSeq: 1n },
): ChainBreak | null {
  for (const row of rows) {
    if (BigInt(row.seq) !== position.nextSeq) return { chain: row.chain, seq: row.seq, id: row.id, problem: 'gap' };
    if (row.prevHash !== position.prevHash) return { chain: row.chain, seq: row.seq, id: row.id, problem: 'link' };
    if (auditHash(row, key) !== row.hash) return { chain: row.chain, seq: row.seq, id: row.id, problem: 'hash' };
    position.prevHash = row.hash;
    position.nextSeq++;
  }
  return null;
}

/** Where a walk through a chain has got to; lets a long chain be checked in batches. */
export interface ChainPosition {
  prevHash: string;
  nextSeq: bigint;
}
