import type { DataSource } from 'typeorm';
import { AuditChainFields, ChainBreak, ChainPosition, findChainBreak, GENESIS_HASH } from './audit-chain';

const BATCH = 5000;

export interface VerifyReport {
  chains: number;
  rows: number;
  firstBreak: ChainBreak | null;
}

/** Re-computes every chain from its first row; reports the first broken row, if any. */
export async function verifyAuditTrail(dataSource: DataSource, key: string): Promise<VerifyReport> {
  const chains: Array<{ chain: string }> = await dataSource.query('SELECT DISTINCT chain FROM audit_event ORDER BY chain');
  let rows = 0;
  for (const { chain } of chains) {
    const position: ChainPosition = { prevHash: GENESIS_HASH, nextSeq: 1n };
    let after = '0';
    for (;;) {
      const batch: Array<AuditChainFields & { id: string; hash: string }> = await dataSource.query(
        `SELECT id, chain, seq::text AS seq,
                to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
                municipality_id AS "municipalityId", actor_user_id AS "actorUserId", actor_role AS "actorRole",
                actor_unit_id AS "actorUnitId", subject_child_id AS "subjectChildId", action, record_type AS "recordType",
                record_id AS "recordId", category, basis, basis_ref AS "basisRef", outcome, request_id AS "requestId",
                prev_hash AS "prevHash", hash
           FROM audit_event WHERE chain = $1 AND audit_event.seq > $2 ORDER BY audit_event.seq LIMIT ${BATCH}`,
        [chain, after],
      );
      if (batch.length === 0) break;
      const broken = findChainBreak(batch, key, position);
      if (broken) return { chains: chains.length, rows: rows + batch.findIndex((r) => r.id === broken.id), firstBreak: broken };
      rows += batch.length;
      after = batch[batch.length - 1].seq;
    }
  }
  return { chains: chains.length, rows, firstBreak: null };
}
