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

const TIMESTAMP = `to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

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
   * Appends one event inside the caller's transaction, so the event commits with the write it
   * records, and a read whose event cannot be written returns nothing (SECURITY.md S13).
   */
  async record(em: EntityManager, entry: AuditEntry): Promise<void> {
    if (!em.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the command transaction');
    }
    try {
      const chain = entry.municipalityId ?? 'system';
      // Serialise appends to this municipality's chain until commit; other tenants are not held up.
      await em.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`audit:${chain}`]);
      const last: Array<{ seq: string; hash: string }> = await em.query(
        'SELECT seq, hash FROM audit_event WHERE chain = $1 ORDER BY seq DESC LIMIT 1',
        [chain],
      );
      const [{ ts }]: Array<{ ts: string }> = await em.query(`SELECT ${TIMESTAMP} AS ts`);
      const fields: AuditChainFields = {
        chain,
        seq: last.length ? (BigInt(last[0].seq) + 1n).toString() : '1',
        occurredAt: ts,
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
        prevHash: last.length ? last[0].hash : GENESIS_HASH,
      };
      const hash = auditHash(fields, this.config.auditHmacKey);
      await em.query(
        `INSERT INTO audit_event (chain, seq, occurred_at, municipality_id, actor_user_id, actor_role, actor_unit_id, subject_child_id,
                                  action, record_type, record_id, category, basis, basis_ref, outcome, request_id, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
        [
          fields.chain,
          fields.seq,
          fields.occurredAt,
          fields.municipalityId,
          fields.actorUserId,
          fields.actorRole,
          fields.actorUnitId,
          fields.subjectChildId,
          fields.action,
          fields.recordType,
          fields.recordId,
          fields.category,
          fields.basis,
          fields.basisRef,
          fields.outcome,
          fields.requestId,
          fields.prevHash,
          hash,
        ],
      );
    } catch (error) {
      // A database that cannot serve now is reported by the problem filter, once per burst.
      if (!classifyDatabaseError(error)) this.logger.error({ err: error }, 'audit event could not be written');
      throw new AuditUnavailableException(error);
    }
  }
}
