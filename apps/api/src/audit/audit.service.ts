import { Inject, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG } from '../config/app-config';
import type { RequestContext } from '../authorization/authorization.decorators';
import type { AppConfig } from '../config/app-config';
import { classifyDatabaseError } from '../database/database-unavailable';
import { auditHash, AuditChainFields, GENESIS_HASH } from './audit-chain';

/** What happened; the actor and request come from the caller's context. */
export interface AuditEntry {
  municipalityId: string | null;
  actorUserId?: string | null;
  actorRole?: string | null;
  actorUnitId?: string | null;
  subjectChildId?: string | null;
  action: string;
  recordType: string;
  recordId?: string | null;
  category?: string | null;
  basis?: string | null;
  basisRef?: string | null;
  outcome: 'success' | 'denied' | 'failure';
  requestId?: string | null;
}

/** An entry about the signed-in caller: actor, tenant and request come from the context. */
export type ActorlessEntry = Omit<AuditEntry, 'municipalityId' | 'actorUserId' | 'actorRole' | 'actorUnitId' | 'requestId' | 'outcome'> & {
  outcome?: AuditEntry['outcome'];
  /** The unit the caller acted through, when it is known (e.g. the one whose grant admitted them); else their first unit. */
  actorUnitId?: string | null;
};

/**
 * Thrown when an audit row cannot be written: the command and any data it read are abandoned. The
 * failed insert's error is its cause, so that the problem filter tells a database outage (503 with
 * its Retry-After, logged once per burst) from the trail refusing the row.
 */
export class AuditUnavailableException extends ServiceUnavailableException {
  constructor(cause?: unknown) {
    super('The audit trail is unavailable', { cause });
  }
}

/** The events a transaction has recorded and not yet appended (see AuditService.defer). */
const PENDING = 'stafettAuditPending';

const pendingOf = (em: EntityManager): AuditEntry[] | undefined => em.queryRunner?.data?.[PENDING] as AuditEntry[] | undefined;

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Appends an event about what the signed-in caller did, with actor, role, unit and request id
   * taken from the request context, so every service attributes access the same way.
   */
  recordFor(em: EntityManager, ctx: RequestContext, entry: ActorlessEntry): Promise<void> {
    const grant =
      (entry.actorUnitId ? ctx.principal.roles.find((r) => r.unitId === entry.actorUnitId) : undefined) ??
      ctx.principal.roles.find((r) => r.unitId) ??
      ctx.principal.roles[0];
    return this.record(em, {
      municipalityId: ctx.principal.municipalityId,
      actorUserId: ctx.principal.userId,
      actorRole: grant?.role ?? ctx.principal.kind,
      actorUnitId: grant?.unitId ?? null,
      requestId: ctx.requestId,
      outcome: 'success',
      ...entry,
    });
  }

  /**
   * Records one event inside the caller's transaction, so the event commits with the write it
   * records, and a read whose event cannot be written returns nothing (SECURITY.md S13). In a
   * transaction opened with defer() the event waits for flush(); otherwise it is appended at once.
   */
  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the command transaction');
    }
    const pending = pendingOf(em);
    if (pending) pending.push(entry);
    else await this.append(em, [entry]);
  }

  /**
   * Collects this transaction's events for one append at its end (ActingTransactions): a list of
   * 500 rows costs one lock, one head lookup and one insert instead of 500 of each, and the chain's
   * lock is held for the append and the commit only, not for the rest of the request.
   */
  defer(em: EntityManager): void {
    if (!em.queryRunner?.isTransactionActive) throw new Error('AuditService.defer needs an open transaction');
    em.queryRunner.data = { ...em.queryRunner.data, [PENDING]: [] };
  }

  /** Appends what the transaction recorded since defer(); must be its last statement before commit. */
  async flush(em: EntityManager): Promise<void> {
    const pending = pendingOf(em);
    if (!pending) return;
    delete em.queryRunner?.data?.[PENDING];
    if (pending.length > 0) await this.append(em, pending);
  }

  private nextLane = 0;

  /**
   * The chain an append goes to: the municipality's own (`<id>`), or with AUDIT_CHAIN_LANES above
   * 1 one of its lanes (`<id>`, `<id>:1`, …) in turn. Appends to different lanes do not wait for
   * each other's lock and commit; every lane is a whole chain, verified and sealed as one.
   */
  private laneOf(chain: string): string {
    const lanes = this.config.auditChainLanes ?? 1;
    if (chain === 'system' || lanes <= 1) return chain;
    const lane = this.nextLane++ % lanes;
    return lane === 0 ? chain : `${chain}:${lane}`;
  }

  /**
   * Appends events to their municipalities' chains: per chain (in a fixed order, so two
   * transactions never wait on each other's chains), take the chain's lock and read its head in
   * one call (stafett_audit_head), link and hash the events in Node, then insert them all in one
   * statement. Any failure is a 503 and the transaction rolls back, taking its data with it.
   */
  private async append(em: EntityManager, entries: AuditEntry[]): Promise<void> {
    try {
      const byChain = new Map<string, AuditEntry[]>();
      const lanes = new Map<string, string>();
      for (const entry of entries) {
        const key = entry.municipalityId ?? 'system';
        // All of one municipality's events of this transaction go to one chain, the next lane in turn.
        if (!lanes.has(key)) lanes.set(key, this.laneOf(key));
        const chain = lanes.get(key) as string;
        byChain.set(chain, [...(byChain.get(chain) ?? []), entry]);
      }
      const rows: Array<AuditChainFields & { hash: string }> = [];
      for (const chain of [...byChain.keys()].sort()) {
        const [head]: Array<{ last_seq: string | null; last_hash: string | null; appended_at: string }> = await em.query(
          'SELECT last_seq, last_hash, appended_at FROM stafett_audit_head($1)',
          [chain],
        );
        let seq = head.last_seq === null ? 0n : BigInt(head.last_seq);
        let prevHash = head.last_hash ?? GENESIS_HASH;
        for (const entry of byChain.get(chain) ?? []) {
          seq += 1n;
          const fields: AuditChainFields = {
            chain,
            seq: seq.toString(),
            occurredAt: head.appended_at,
            municipalityId: entry.municipalityId,
            actorUserId: entry.actorUserId ?? null,
            actorRole: entry.actorRole ?? null,
            actorUnitId: entry.actorUnitId ?? null,
            subjectChildId: entry.subjectChildId ?? null,
            action: entry.action,
            recordType: entry.recordType,
            recordId: entry.recordId ?? null,
            category: entry.category ?? null,
            basis: entry.basis ?? null,
            basisRef: entry.basisRef ?? null,
            outcome: entry.outcome,
            requestId: entry.requestId ?? null,
            prevHash,
          };
          prevHash = auditHash(fields, this.config.auditHmacKey);
          rows.push({ ...fields, hash: prevHash });
        }
      }
      const column = <K extends keyof (typeof rows)[number]>(key: K) => rows.map((row) => row[key]);
      await em.query(
        `INSERT INTO audit_event (chain, seq, occurred_at, municipality_id, actor_user_id, actor_role, actor_unit_id, subject_child_id,
                                  action, record_type, record_id, category, basis, basis_ref, outcome, request_id, prev_hash, hash)
         SELECT * FROM unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::uuid[], $5::uuid[], $6::text[], $7::uuid[], $8::uuid[],
                              $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::uuid[], $15::text[], $16::text[],
                              $17::text[], $18::text[])`,
        [
          column('chain'),
          column('seq'),
          column('occurredAt'),
          column('municipalityId'),
          column('actorUserId'),
          column('actorRole'),
          column('actorUnitId'),
          column('subjectChildId'),
          column('action'),
          column('recordType'),
          column('recordId'),
          column('category'),
          column('basis'),
          column('basisRef'),
          column('outcome'),
          column('requestId'),
          column('prevHash'),
          column('hash'),
        ],
      );
    } catch (error) {
      // A database that cannot serve now is reported by the problem filter, once per burst.
      if (!classifyDatabaseError(error)) this.logger.error({ err: error }, 'audit event could not be written');
      throw new AuditUnavailableException(error);
    }
  }
}
