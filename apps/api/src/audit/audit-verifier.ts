import type { DataSource } from 'typeorm';
import { AuditChainFields, ChainBreak, ChainPosition, findChainBreak, GENESIS_HASH } from './audit-chain';
import { CheckpointReader, checkpointKey } from './audit-checkpoint';
import { readChainHeads, RunQuery } from './audit-heads';
import { auditTableWeaknesses } from './audit-protection';

const BATCH = 5000;

/** What the checkpoints show the database lost, one sentence each. */
export interface TrailProblem {
  kind: 'missing_chain' | 'missing_tail' | 'rewritten' | 'unsealed' | 'checkpoint';
  chain?: string;
  message: string;
}

/** One checkpoint file (or collected log): its lines, or null when there is no such file. */
export interface CheckpointInput {
  source: string;
  lines: AsyncIterable<string> | Iterable<string> | null;
}

export interface VerifyOptions {
  /** The checkpoints to hold the chains against: one file, or rotated files oldest first. */
  checkpoints?: CheckpointInput[];
  /** Events older than this must be sealed by some checkpoint (the sealer's interval plus slack). */
  graceSeconds?: number;
}

export interface VerifyReport {
  chains: number;
  rows: number;
  /** The first broken row over all chains (the chains in order). */
  firstBreak: ChainBreak | null;
  /** The first broken row of every broken chain. */
  breaks: ChainBreak[];
  problems: TrailProblem[];
  /** Not failures: an unsealed table, no checkpoints yet. */
  warnings: string[];
  checkpoints: { sources: string[]; count: number; segments: number; latestSealedAt: string | null } | null;
}

interface Seal {
  hash: string;
  sealedAt: string;
  /** Where it was sealed: "line 4", or "<file> line 4" when several files were read. */
  line: string;
}

type Row = AuditChainFields & { id: string; hash: string };

/**
 * Re-computes every chain from its first row, then holds the chains against the checkpoints, if
 * given: every sealed event must still be there with the sealed hash (else a missing chain, a
 * missing tail or a rewritten chain), and every event older than the grace must be sealed (else the
 * checkpoints were cut short or removed, or no sealer ran).
 */
export async function verifyAuditTrail(dataSource: DataSource, key: string, options: VerifyOptions = {}): Promise<VerifyReport> {
  const query: RunQuery = (sql, params) => dataSource.query(sql, params);
  const report: VerifyReport = {
    chains: 0,
    rows: 0,
    firstBreak: null,
    breaks: [],
    problems: [],
    warnings: await auditTableWeaknesses(query),
    checkpoints: null,
  };
  // chain → seq → what the checkpoints sealed there; and the highest sealed seq per chain.
  const sealed = new Map<string, Map<string, Seal[]>>();
  const sealedMax = new Map<string, { seq: bigint } & Seal>();
  if (options.checkpoints) {
    const several = options.checkpoints.length > 1;
    const reader = new CheckpointReader(checkpointKey(key), (checkpoint, at) => {
      const line = several ? `${at.source} line ${at.line}` : `line ${at.line}`;
      for (const head of checkpoint.chains) {
        if (head.seq === '0') continue;
        const seal = { hash: head.hash, sealedAt: checkpoint.sealedAt, line };
        const bySeq = sealed.get(head.chain) ?? new Map<string, Seal[]>();
        sealed.set(head.chain, bySeq);
        bySeq.set(head.seq, [...(bySeq.get(head.seq) ?? []), seal]);
        const max = sealedMax.get(head.chain);
        if (!max || BigInt(head.seq) > max.seq) sealedMax.set(head.chain, { seq: BigInt(head.seq), ...seal });
      }
    });
    for (const { source, lines } of options.checkpoints) {
      if (lines === null) {
        report.warnings.push(`there is no checkpoint file at ${source}: a deleted tail or chain shows only once it is sealed`);
        continue;
      }
      let line = 0;
      for await (const text of lines) reader.read(text, { source, line: ++line });
    }
    for (const p of reader.problems) report.problems.push({ kind: 'checkpoint', message: `${p.source} line ${p.line}: ${p.message}` });
    report.checkpoints = {
      sources: options.checkpoints.map((c) => c.source),
      count: reader.authentic,
      segments: reader.segments,
      latestSealedAt: reader.latest?.sealedAt ?? null,
    };
  }

  const { now, heads } = await readChainHeads(query);
  report.chains = heads.length;
  const [{ cutoff }] = await dataSource.query(
    `SELECT to_char(($1::timestamptz - make_interval(secs => $2)) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cutoff`,
    [now, options.graceSeconds ?? 60],
  );
  for (const { chain, seq: lastSeq } of heads) {
    const bySeq = sealed.get(chain);
    const max = sealedMax.get(chain);
    const position: ChainPosition = { prevHash: GENESIS_HASH, nextSeq: 1n };
    let rewritten: TrailProblem | null = null;
    let lastMatched = 0n;
    let unsealed = null as { from: string; to: string; since: string } | null;
    let after = '0';
    for (;;) {
      // Ordered by the bigint column, not the text alias: "10" sorts before "9".
      const batch: Row[] = await dataSource.query(
        `SELECT id, chain, seq::text AS seq,
                to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "occurredAt",
                municipality_id AS "municipalityId", actor_user_id AS "actorUserId", actor_role AS "actorRole",
                actor_unit_id AS "actorUnitId", subject_child_id AS "subjectChildId", action, record_type AS "recordType",
                record_id AS "recordId", category, basis, basis_ref AS "basisRef", outcome, request_id AS "requestId",
                prev_hash AS "prevHash", hash
           FROM public.audit_event WHERE chain = $1 AND audit_event.seq > $2 ORDER BY audit_event.seq LIMIT ${BATCH}`,
        [chain, after],
      );
      if (batch.length === 0) break;
      const broken = findChainBreak(batch, key, position);
      const intact = broken
        ? batch.slice(
            0,
            batch.findIndex((r) => r.id === broken.id),
          )
        : batch;
      for (const row of intact) {
        for (const seal of bySeq?.get(row.seq) ?? []) {
          if (seal.hash === row.hash) lastMatched = BigInt(row.seq);
          else rewritten ??= rewrittenProblem(chain, row.seq, seal, lastMatched);
        }
        if (options.checkpoints && row.occurredAt < cutoff && (!max || BigInt(row.seq) > max.seq)) {
          unsealed = { from: unsealed?.from ?? row.seq, to: row.seq, since: unsealed?.since ?? row.occurredAt };
        }
      }
      report.rows += intact.length;
      if (broken) {
        report.breaks.push(broken);
        report.firstBreak ??= broken;
        break;
      }
      after = batch[batch.length - 1].seq;
    }
    if (rewritten) report.problems.push(rewritten);
    if (max && BigInt(lastSeq) < max.seq) {
      const gone = max.seq - BigInt(lastSeq);
      report.problems.push({
        kind: 'missing_tail',
        chain,
        message: `chain ${chain}: missing tail: the events after seq ${lastSeq} up to seq ${max.seq} are gone (${gone} event(s); sealed at ${max.sealedAt}, checkpoint ${max.line})`,
      });
    }
    if (unsealed) {
      report.problems.push({
        kind: 'unsealed',
        chain,
        message: `chain ${chain}: seq ${unsealed.from} up to ${unsealed.to} (from ${unsealed.since}) are sealed by no checkpoint: the checkpoints were cut short or removed, or no sealer ran`,
      });
    }
  }
  const present = new Set(heads.map((h) => h.chain));
  for (const [chain, max] of sealedMax) {
    if (present.has(chain)) continue;
    report.problems.push({
      kind: 'missing_chain',
      chain,
      message: `chain ${chain} is missing: its events seq 1 up to ${max.seq} were sealed at ${max.sealedAt} (checkpoint ${max.line})`,
    });
  }
  return report;
}

function rewrittenProblem(chain: string, seq: string, seal: Seal, lastMatched: bigint): TrailProblem {
  const after = lastMatched > 0n ? ` after seq ${lastMatched} or later` : '';
  return {
    kind: 'rewritten',
    chain,
    message: `chain ${chain}: rewritten: seq ${seq} is not the event sealed at ${seal.sealedAt} (checkpoint ${seal.line}): the chain was cut${after} and written anew`,
  };
}
