import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DomainRuleError, subject } from '@stafett/domain';
import type {
  CaseCoordinatorFacts,
  CaseFacts,
  CaseState,
  ConfidentialityRegime,
  ConsentCheck,
  CoordinatorStanding,
  JoiningParticipantRequest,
  LogEntryKind,
  SubjectName,
} from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { assertVersion } from '../http/if-match';
import type { RequestContext } from '../authorization/authorization.decorators';
import { fieldError } from '../problem/validation';
import { CASE_VIEW_JSON, caseView, CaseView, viewCovers } from './case-projection';
import { COORDINATOR_INACTIVE_REASON } from './coordinator-standing';
import { ROLE_VALID_NOW } from '../users/users.queries';

/** A case as every command sees it: locked, in the caller's scope, with what the rules need. */
export interface CaseRecord {
  id: string;
  municipalityId: string;
  childId: string;
  status: 'open' | 'closed';
  level: 1 | 2 | 3;
  version: number;
  ownerUnitId: string;
  coordinatorUserId: string;
  coordinatorUnitId: string;
  coordinatorServiceId: string;
  /** Whether the coordinator can do the work: enabled, still in the coordinator's unit, and that unit still reads the case. */
  coordinatorStanding: CoordinatorStanding;
  /** The case's categories (from its concern): the default category of what is written in it. */
  categories: string[];
  /** What the caller may see of the case, and on which basis: the one projection (`case_view`). */
  view: CaseView;
  /** Units taking part (joined, not left). */
  participants: Array<{ id: string; unitId: string; serviceId: string }>;
  pendingTransfer: { id: string; toUserId: string; toUnitId: string; toServiceId: string } | null;
  /** Active measures. */
  measures: Array<{ id: string; responsibleUnitId: string; responsibleParticipantId: string; evaluationDueOn: string; version: number }>;
}

const RECORD = `
  SELECT k.id, k.municipality_id AS "municipalityId", k.child_id AS "childId", k.status, k.level, k.version,
         k.owner_unit_id AS "ownerUnitId", k.coordinator_user_id AS "coordinatorUserId", k.coordinator_unit_id AS "coordinatorUnitId",
         cun.service_id AS "coordinatorServiceId", k.categories,
         COALESCE(${COORDINATOR_INACTIVE_REASON}, 'active') AS "coordinatorStanding",
         ${CASE_VIEW_JSON} AS view,
         COALESCE((SELECT json_agg(json_build_object('id', p.id, 'unitId', p.unit_id, 'serviceId', pu.service_id) ORDER BY p.joined_at, p.id)
                     FROM case_participant p JOIN unit pu ON pu.id = p.unit_id AND pu.municipality_id = p.municipality_id
                    WHERE p.municipality_id = k.municipality_id AND p.case_id = k.id AND p.left_at IS NULL), '[]') AS participants,
         (SELECT json_build_object('id', t.id, 'toUserId', t.to_user_id, 'toUnitId', t.to_unit_id, 'toServiceId', tu.service_id)
            FROM baton_transfer t JOIN unit tu ON tu.id = t.to_unit_id AND tu.municipality_id = t.municipality_id
           WHERE t.municipality_id = k.municipality_id AND t.case_id = k.id AND t.status = 'pending') AS "pendingTransfer",
         COALESCE((SELECT json_agg(json_build_object('id', m.id, 'responsibleUnitId', mp.unit_id, 'responsibleParticipantId', m.responsible_participant_id,
                                                      'evaluationDueOn', to_char(m.evaluation_due_on, 'YYYY-MM-DD'), 'version', m.version) ORDER BY m.created_at, m.id)
                     FROM case_measure m JOIN case_participant mp ON mp.id = m.responsible_participant_id AND mp.municipality_id = m.municipality_id
                    WHERE m.municipality_id = k.municipality_id AND m.case_id = k.id AND m.status = 'active'), '[]') AS measures
    FROM coordinated_case k
    JOIN app_user cu ON cu.id = k.coordinator_user_id AND cu.municipality_id = k.municipality_id
    JOIN unit cun ON cun.id = k.coordinator_unit_id AND cun.municipality_id = k.municipality_id
    ${caseView('k')}`;

/** What a list row carries only for its audit event (the child and the caller's view); never sent. */
export interface AuditedRow {
  childId: string;
  view: CaseView;
}

export function withoutAuditFields<T extends AuditedRow>(row: T): Omit<T, keyof AuditedRow> {
  const rest: Partial<T> = { ...row };
  delete rest.childId;
  delete rest.view;
  return rest as Omit<T, keyof AuditedRow>;
}

/** A domain rule's refusal becomes a 400 naming the field, like any other invalid input. */
export function ruleError(error: unknown): never {
  if (error instanceof DomainRuleError) throw fieldError(error.field, error.message);
  throw error;
}

/**
 * The one door to a case for every command of the case modules (cases, teams, coordination,
 * plans, meetings): scoped and locked loading, the record checks of the rules, the shared log,
 * the team's access grants, and the audit event with its basis.
 */
@Injectable()
export class CaseAccess {
  constructor(private readonly audit: AuditService) {}

  /**
   * Loads the case in the caller's scope (404 outside it, same as a case that does not exist),
   * locked for the rest of the transaction so concurrent commands on one case run one after the
   * other. `ifMatch`, when given, must equal the case's version (412 otherwise).
   */
  async load(em: EntityManager, _ctx: RequestContext, caseId: string, options: { lock?: boolean; ifMatch?: number } = {}) {
    const [record]: CaseRecord[] = await em.query(`${RECORD} WHERE k.id = $1${options.lock ? ' FOR UPDATE OF k' : ''}`, [caseId]);
    if (!record) throw new NotFoundException();
    if (options.ifMatch !== undefined) assertVersion(record.version, options.ifMatch, 'case');
    return record;
  }

  facts(record: CaseRecord): CaseFacts {
    return {
      municipalityId: record.municipalityId,
      childId: record.childId,
      unitIds: record.view.unitIds,
      coordinatorUserId: record.coordinatorUserId,
      coordinatorUnitId: record.coordinatorUnitId,
    };
  }

  /** The facts of `update CaseCoordinator`: who may take the baton from a coordinator who can no longer hold it. */
  coordinatorFacts(record: CaseRecord): CaseCoordinatorFacts {
    return { ...this.facts(record), ownerUnitId: record.ownerUnitId, coordinatorStanding: record.coordinatorStanding };
  }

  state(record: CaseRecord): CaseState {
    return {
      status: record.status,
      level: record.level,
      coordinatorUserId: record.coordinatorUserId,
      coordinatorUnitId: record.coordinatorUnitId,
      coordinatorServiceId: record.coordinatorServiceId,
      participants: record.participants.map((p) => ({ unitId: p.unitId, serviceId: p.serviceId })),
      pendingTransfer: record.pendingTransfer,
      measures: record.measures.map((m) => ({ id: m.id, responsibleUnitId: m.responsibleUnitId, evaluationDueOn: m.evaluationDueOn })),
    };
  }

  /** Readable but not allowed (a participant trying the coordinator's work) is a function not allowed: 403. */
  assertMay(ctx: RequestContext, record: CaseRecord, action: 'update' | 'create', type: SubjectName & `Case${string}`, message: string) {
    const facts = type === 'CaseCoordinator' ? this.coordinatorFacts(record) : this.facts(record);
    if (!ctx.ability.can(action, subject(type, facts) as never)) throw new ForbiddenException(message);
  }

  /**
   * Which services may take part: the owning unit's own service always; any other only while an
   * active consent of the case, valid today by the database's date, names it. Asked on opening,
   * escalation, joining, and requesting and accepting a handover of the baton.
   */
  async consentCheck(em: EntityManager, target: { caseId: string | null; ownerServiceId: string }): Promise<ConsentCheck> {
    const rows: Array<{ serviceId: string }> = target.caseId
      ? await em.query(
          `SELECT DISTINCT unnest(service_ids) AS "serviceId" FROM consent
            WHERE case_id = $1 AND status = 'active' AND valid_from <= current_date AND valid_to >= current_date`,
          [target.caseId],
        )
      : [];
    const covered = new Set([target.ownerServiceId, ...rows.map((r) => r.serviceId)]);
    return (serviceIds) => serviceIds.every((s) => covered.has(s));
  }

  /** The owning unit's service, which takes part without consent. */
  async ownerServiceOf(em: EntityManager, record: Pick<CaseRecord, 'ownerUnitId'>): Promise<string> {
    const [owner]: Array<{ serviceId: string }> = await em.query('SELECT service_id AS "serviceId" FROM unit WHERE id = $1', [
      record.ownerUnitId,
    ]);
    return owner.serviceId;
  }

  /**
   * The case's grants rebuilt by the database from the live rule (participation ∩ active consent),
   * in this transaction: asked after every change of the team or of a consent.
   */
  async refreshAccess(em: EntityManager, caseId: string): Promise<void> {
    await em.query('SELECT stafett_refresh_case_access($1)', [caseId]);
  }

  /** Units of the caller that take part in the case now: where they write private notes, evaluate, log. */
  ownUnits(record: CaseRecord): string[] {
    return record.view.unitIds;
  }

  /** The confidentiality regimes of the caller's units that take part in the case (a health nurse's note is hers to share). */
  async ownUnitRegimes(em: EntityManager, record: CaseRecord): Promise<ConfidentialityRegime[]> {
    const rows: Array<{ regime: ConfidentialityRegime }> = await em.query(
      `SELECT DISTINCT s.regime FROM unit u JOIN service s ON s.id = u.service_id AND s.municipality_id = u.municipality_id
        WHERE u.municipality_id = $1 AND u.id = ANY($2::uuid[])`,
      [record.municipalityId, this.ownUnits(record)],
    );
    return rows.map((r) => r.regime);
  }

  async touch(em: EntityManager, caseId: string): Promise<void> {
    await em.query('UPDATE coordinated_case SET version = version + 1 WHERE id = $1', [caseId]);
  }

  /**
   * An entry in the shared log. A note has a category of information (a consent must cover it);
   * an entry about a unit joining or leaving names its service (shown only where it may be known).
   */
  async log(
    em: EntityManager,
    ctx: RequestContext,
    caseId: string,
    kind: LogEntryKind,
    text: string,
    about: { category?: string | null; serviceId?: string | null } = {},
  ): Promise<string> {
    // The id is made here, not RETURNING'd: the policies show an entry only to those its category admits.
    const id = randomUUID();
    await em.query(
      `INSERT INTO case_log_entry (id, municipality_id, case_id, kind, text, category, service_id, author_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, ctx.principal.municipalityId, caseId, kind, text, about.category ?? null, about.serviceId ?? null, ctx.principal.userId],
    );
    return id;
  }

  /**
   * The category of what the caller writes: the one given, or the case's first that their view
   * covers. Nobody writes in a category they could not read back (a consent admits only its own).
   */
  categoryOf(record: CaseRecord, given: string | undefined | null): string {
    if (given) {
      if (!viewCovers(record.view, given)) throw fieldError('category', 'category must be one your access to the case covers');
      return given;
    }
    const own = [...record.categories, 'other'].find((c) => viewCovers(record.view, c)) ?? record.view.categories?.[0];
    if (!own) throw fieldError('category', 'Name a category your access to the case covers');
    return own;
  }

  /**
   * A category a change moves a record into, or null to keep its own: the same rule as for a new
   * record, so nobody moves a measure, goal or meeting out of their own sight (a 400 naming
   * `category`, before row-level security would refuse the row).
   */
  changedCategory(record: CaseRecord, given: string | undefined | null): string | null {
    return given ? this.categoryOf(record, given) : null;
  }

  /**
   * The audit event of a read or write of the case, with its basis: coordinator, ownership (the
   * owning service), family (guardian, youth) — or the consent that admits the caller, by id.
   */
  record(
    em: EntityManager,
    ctx: RequestContext,
    record: { id: string; childId: string; view: CaseView },
    action: string,
    recordType: string,
    recordId: string,
    category: string,
  ): Promise<void> {
    const { basis, consentId, actingUnitId } = record.view;
    return this.audit.recordFor(em, ctx, {
      actorUnitId: actingUnitId,
      subjectChildId: record.childId,
      action,
      recordType,
      recordId,
      category,
      basis,
      basisRef: basis === 'consent' ? consentId : record.id,
    });
  }

  /**
   * Units that may join: of this municipality, with named staff who work there. Answers the
   * participants as the rules see them (unit and service), or a 400 naming the field.
   */
  async resolveJoining(
    em: EntityManager,
    ctx: RequestContext,
    joining: JoiningParticipantRequest[],
    field: string,
  ): Promise<Array<JoiningParticipantRequest & { serviceId: string; unitName: string }>> {
    const resolved: Array<JoiningParticipantRequest & { serviceId: string; unitName: string }> = [];
    for (const [i, p] of joining.entries()) {
      const [unit]: Array<{ serviceId: string; name: string; closed: boolean }> = await em.query(
        'SELECT service_id AS "serviceId", name, closed_on IS NOT NULL AS closed FROM unit WHERE municipality_id = $1 AND id = $2',
        [ctx.principal.municipalityId, p.unitId],
      );
      if (!unit) throw fieldError(`${field}[${i}].unitId`, 'unitId must be a unit of your municipality');
      // A closed unit takes on nothing new (issue 12); the cases it already takes part in keep it.
      if (unit.closed) throw fieldError(`${field}[${i}].unitId`, 'The unit is closed');
      if (resolved.some((r) => r.unitId === p.unitId)) throw fieldError(`${field}[${i}].unitId`, 'The unit is named twice');
      const staff = p.staffUserIds ?? [];
      if (staff.length) {
        const [{ count }]: Array<{ count: number }> = await em.query(
          `SELECT count(DISTINCT u.id)::int AS count FROM app_user u JOIN role_assignment ra ON ra.user_id = u.id AND ra.municipality_id = u.municipality_id
            WHERE u.municipality_id = $1 AND u.active AND ra.unit_id = $2 AND ra.role IN ('staff', 'unit_leader') AND ${ROLE_VALID_NOW('ra')} AND u.id = ANY($3::uuid[])`,
          [ctx.principal.municipalityId, p.unitId, staff],
        );
        if (count !== new Set(staff).size) throw fieldError(`${field}[${i}].staffUserIds`, 'Named staff must work in the unit');
      }
      if (p.fromOn && p.toOn && p.toOn < p.fromOn) throw fieldError(`${field}[${i}].toOn`, 'toOn cannot be before fromOn');
      resolved.push({ ...p, serviceId: unit.serviceId, unitName: unit.name });
    }
    return resolved;
  }

  /** A unit joins: its participation and, in the same transaction, its access grants. */
  async join(
    em: EntityManager,
    ctx: RequestContext,
    caseId: string,
    p: JoiningParticipantRequest & { unitName: string; serviceId: string },
  ): Promise<string> {
    // The id is made here, not RETURNING'd: row-level security would not yet show the first participant of a new case.
    const row = { id: randomUUID() };
    await em.query(
      `INSERT INTO case_participant (id, municipality_id, case_id, unit_id, role, staff_user_ids, from_on, to_on, joined_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, COALESCE($7::date, current_date), $8, $9)`,
      [
        row.id,
        ctx.principal.municipalityId,
        caseId,
        p.unitId,
        p.role,
        [...new Set(p.staffUserIds ?? [])],
        p.fromOn ?? null,
        p.toOn ?? null,
        ctx.principal.userId,
      ],
    );
    // Its access: from the start of the period, through its own service or a consent naming it.
    await this.refreshAccess(em, caseId);
    await this.log(em, ctx, caseId, 'participant_joined', p.unitName, { serviceId: p.serviceId });
    return row.id;
  }

  /** A unit leaves: its participation ends, and its access grant ends now, in the same transaction. */
  async leave(em: EntityManager, ctx: RequestContext, caseId: string, participantId: string, reason: string): Promise<void> {
    // An UPDATE answers [rows, count] through TypeORM.
    const [[left]]: [Array<{ unitName: string; serviceId: string }>, number] = await em.query(
      `UPDATE case_participant p SET left_at = now(), left_by_user_id = $3, left_reason = $4
         FROM unit u WHERE p.id = $1 AND p.case_id = $2 AND p.left_at IS NULL AND u.id = p.unit_id AND u.municipality_id = p.municipality_id
       RETURNING u.name AS "unitName", u.service_id AS "serviceId"`,
      [participantId, caseId, ctx.principal.userId, reason],
    );
    await this.refreshAccess(em, caseId);
    await this.log(em, ctx, caseId, 'participant_left', left?.unitName ?? '', { serviceId: left?.serviceId ?? null });
  }
}
