import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { changeLevel, closeCase, memberUnitsOf, openCase, reopenCase, subject } from '@stafett/domain';
import type { CaseLevel, CaseResponse, CaseSummaryResponse } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../authorization/authorization.decorators';
import { concernScope } from '../concerns/concern-scope';
import { Keyset, Page, PageQuery, SortKey } from '../http/paging';
import { fieldError } from '../problem/validation';
import { AuditedRow, CaseAccess, CaseRecord, ruleError, withoutAuditFields } from './case-access.service';
import { CaseCommands } from './case-commands';
import { CaseDetails, iso } from './case-details';
import { CASE_CONTENT, CASE_FIELDS, CASE_VIEW_JSON, caseViewOf, myCasesPage } from './case-projection';
import { COORDINATOR_INACTIVE_REASON } from './coordinator-standing';
import { ChangeLevelDto, CloseCaseDto, OpenCaseDto } from './dto/case-requests.dto';

/** "My cases": open before closed, newest first. */
const CASE_ORDER: SortKey[] = [
  { sql: 'k.status', type: 'text', desc: true },
  { sql: 'k.opened_at', type: 'timestamptz', desc: true },
  { sql: 'k.id', type: 'uuid', desc: true },
];

interface DecidedConcern {
  id: string;
  unitId: string;
  serviceId: string;
  unitName: string;
  childId: string;
  status: string;
  requestedCaseLevel: CaseLevel | null;
  decisionReason: string | null;
  categories: string[];
}

/** The case's life: opened from a concern's decision, its level changes, closure and reopening. */
@Injectable()
export class CasesService {
  constructor(
    private readonly commands: CaseCommands,
    private readonly access: CaseAccess,
    private readonly details: CaseDetails,
  ) {}

  /**
   * Opens the case a concern's decision asked for (own service: level 1; collaboration: level 2
   * or 3 with the other services' units). The opener holds the baton from the first moment.
   */
  open(ctx: RequestContext, input: OpenCaseDto): Promise<CaseResponse> {
    return this.commands.transaction(ctx, async (em) => {
      const concern = await this.decidedConcern(em, ctx, input.concernId);
      if (!memberUnitsOf(ctx.principal).includes(concern.unitId))
        throw fieldError('concernId', 'You must work in the concern’s unit to coordinate its case');
      const [existing] = await em.query('SELECT id FROM coordinated_case WHERE municipality_id = $1 AND concern_id = $2', [
        ctx.principal.municipalityId,
        concern.id,
      ]);
      if (existing) throw new ConflictException('A case is already open for this concern');
      const joining = await this.access.resolveJoining(em, ctx, input.participants ?? [], 'participants');
      if (joining.some((p) => p.unitId === concern.unitId))
        throw fieldError('participants', 'The concern’s own unit takes part already; name the other units');
      // Collaboration needs a consent covering the other services, and a consent belongs to a case: a
      // case asked for at level 2 or 3 opens at level 1 with its own service, and is escalated once consent is given.
      const level = (joining.length ? concern.requestedCaseLevel : 1) as CaseLevel;
      const consent = await this.access.consentCheck(em, { caseId: null, ownerServiceId: concern.serviceId });
      try {
        openCase(
          { userId: ctx.principal.userId, serviceId: concern.serviceId, unitId: concern.unitId },
          level,
          joining.map((p) => ({ unitId: p.unitId, serviceId: p.serviceId })),
          consent,
        );
      } catch (error) {
        ruleError(error);
      }
      // The id is made here: row-level security shows the case only once its first grant exists.
      const created = { id: randomUUID() };
      await em.query(
        `INSERT INTO coordinated_case (id, municipality_id, child_id, concern_id, owner_unit_id, level, categories, coordinator_user_id, coordinator_unit_id, opened_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $5, $8)`,
        [
          created.id,
          ctx.principal.municipalityId,
          concern.childId,
          concern.id,
          concern.unitId,
          level,
          concern.categories,
          ctx.principal.userId,
        ],
      );
      const reason = input.reason ?? concern.decisionReason ?? 'Åpnet etter beslutningen om bekymringen';
      await this.access.join(em, ctx, created.id, {
        unitId: concern.unitId,
        role: 'coordinating',
        unitName: concern.unitName,
        serviceId: concern.serviceId,
      });
      await this.access.log(em, ctx, created.id, 'opened', reason);
      for (const p of joining) await this.access.join(em, ctx, created.id, p);
      await this.decision(em, ctx, created.id, { kind: 'opened', from: null, to: level, reason, childView: input.childView ?? null });
      const record = await this.access.load(em, ctx, created.id);
      await this.access.record(em, ctx, record, 'create', 'case', created.id, 'case');
      return this.details.read(em, ctx, record);
    });
  }

  /**
   * "My cases", a page at a time (open first, newest first): every case the caller may see now, each with the counts of what their view covers
   * (measures and meetings of the categories a consent names, units of the services it names, the
   * caller's own private notes) — the same projection as the case page, so a count never tells of
   * a row the caller cannot open.
   */
  list(ctx: RequestContext, query: PageQuery): Promise<Page<CaseSummaryResponse>> {
    const keyset = new Keyset(CASE_ORDER, query, 2);
    return this.commands.transaction(ctx, async (em) => {
      const rows: Array<CaseSummaryResponse & AuditedRow> = await em.query(
        `WITH page AS (${myCasesPage(keyset)})
         SELECT k.id, k.child_id AS "childId", ${CASE_VIEW_JSON} AS view,
                json_build_object('id', ch.id, 'givenName', ch.given_name, 'familyName', ch.family_name) AS child, k.status, k.level,
                json_build_object('userId', cu.id, 'displayName', ${CASE_FIELDS.whereabouts('cu.display_name')},
                                  'unitName', ${CASE_FIELDS.whereabouts('un.name')},
                                  'active', ${COORDINATOR_INACTIVE_REASON} IS NULL) AS coordinator,
                ARRAY(SELECT pu.name FROM case_participant p JOIN unit pu ON pu.id = p.unit_id AND pu.municipality_id = p.municipality_id
                       WHERE p.case_id = k.id AND p.municipality_id = k.municipality_id AND p.left_at IS NULL
                         AND ${CASE_CONTENT.participantUnit('pu')} AND NOT v.whereabouts_hidden ORDER BY p.joined_at, p.id) AS "participantUnitNames",
                v.whereabouts_hidden AS "whereaboutsHidden",
                (SELECT count(*)::int FROM case_measure m WHERE m.case_id = k.id AND m.municipality_id = k.municipality_id AND m.status = 'active'
                    AND ${CASE_CONTENT.measure('m')}) AS "activeMeasures",
                (SELECT count(*)::int FROM case_measure m WHERE m.case_id = k.id AND m.municipality_id = k.municipality_id AND m.status = 'active'
                    AND m.evaluation_due_on < current_date AND ${CASE_CONTENT.measure('m')}) AS "overdueEvaluations",
                (SELECT count(*)::int FROM case_private_note n WHERE n.case_id = k.id AND n.municipality_id = k.municipality_id
                    AND ${CASE_CONTENT.privateNote('n')}) AS "privateNotes",
                (SELECT ${iso('min(mt.meeting_at)')} FROM case_meeting mt WHERE mt.case_id = k.id AND mt.municipality_id = k.municipality_id
                    AND mt.meeting_at >= now() AND ${CASE_CONTENT.meeting('mt')}) AS "nextMeetingAt",
                (k.coordinator_user_id = $1) AS "isCoordinator", k.version${keyset.select}
           FROM page
           JOIN coordinated_case k ON k.id = page.case_id AND k.municipality_id = stafett_current_uuid('stafett.municipality_id')
           ${caseViewOf('k')}
           JOIN child ch ON ch.id = k.child_id AND ch.municipality_id = k.municipality_id
           JOIN app_user cu ON cu.id = k.coordinator_user_id AND cu.municipality_id = k.municipality_id
           JOIN unit un ON un.id = k.coordinator_unit_id AND un.municipality_id = k.municipality_id
          ${keyset.orderBy}`,
        [ctx.principal.userId, ...keyset.params],
      );
      const page = keyset.page(rows);
      for (const row of page.items) await this.access.record(em, ctx, row, 'read', 'case', row.id, 'case_summary');
      return { items: page.items.map(withoutAuditFields), next: page.next };
    });
  }

  get(ctx: RequestContext, id: string): Promise<CaseResponse> {
    return this.commands.read(ctx, id);
  }

  /**
   * A level change is one decision, with the services that join (escalation) or leave
   * (de-escalation) named in the same command so the team always fits the level.
   */
  changeLevel(ctx: RequestContext, id: string, input: ChangeLevelDto, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, id, { ifMatch }, async (em, record) => {
      this.access.assertMay(ctx, record, 'update', 'Case', 'Only the coordinator changes the level');
      const joining = await this.access.resolveJoining(em, ctx, input.joining ?? [], 'joining');
      const leaving = (input.leaving ?? []).map((participantId, i) => {
        const p = record.participants.find((q) => q.id === participantId);
        if (!p) throw fieldError(`leaving[${i}]`, 'leaving must name participants of the case');
        return p;
      });
      if (input.meetingId) await this.assertMeetingOf(em, record, input.meetingId);
      const consent = await this.access.consentCheck(em, {
        caseId: record.id,
        ownerServiceId: await this.access.ownerServiceOf(em, record),
      });
      try {
        changeLevel(
          this.access.state(record),
          input.toLevel,
          input.reason,
          { joining: joining.map((p) => ({ unitId: p.unitId, serviceId: p.serviceId })), leaving: leaving.map((p) => p.unitId) },
          consent,
        );
      } catch (error) {
        ruleError(error);
      }
      for (const p of leaving) await this.access.leave(em, ctx, record.id, p.id, input.reason);
      for (const p of joining) await this.access.join(em, ctx, record.id, p);
      await em.query('UPDATE coordinated_case SET level = $2 WHERE id = $1', [record.id, input.toLevel]);
      await this.access.touch(em, record.id);
      const kind = input.toLevel > record.level ? 'escalated' : 'de_escalated';
      await this.decision(em, ctx, record.id, {
        kind,
        from: record.level,
        to: input.toLevel,
        reason: input.reason,
        childView: input.childView ?? null,
        meetingId: input.meetingId ?? null,
      });
      await this.access.log(em, ctx, record.id, 'level_changed', `${record.level} → ${input.toLevel}: ${input.reason}`);
      await this.access.record(em, ctx, record, 'change_level', 'case', record.id, 'case');
    });
  }

  close(ctx: RequestContext, id: string, input: CloseCaseDto, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, id, { ifMatch }, async (em, record) => {
      this.access.assertMay(ctx, record, 'update', 'Case', 'Only the coordinator closes the case');
      try {
        closeCase(this.access.state(record), input.reason, input.otherText ?? undefined);
      } catch (error) {
        ruleError(error);
      }
      // A transfer cannot wait on a closed case.
      await em.query(`UPDATE baton_transfer SET status = 'cancelled', answered_at = now() WHERE case_id = $1 AND status = 'pending'`, [
        record.id,
      ]);
      await em.query(
        `UPDATE coordinated_case SET status = 'closed', closure_reason = $2, closure_other_text = $3, closed_at = now() WHERE id = $1`,
        [record.id, input.reason, input.otherText ?? null],
      );
      await this.access.touch(em, record.id);
      const reason = input.reason === 'other' ? (input.otherText as string) : input.reason;
      await this.decision(em, ctx, record.id, {
        kind: 'closed',
        from: record.level,
        to: record.level,
        reason,
        childView: input.childView ?? null,
      });
      await this.access.log(em, ctx, record.id, 'closed', reason);
      await this.access.record(em, ctx, record, 'close', 'case', record.id, 'case');
    });
  }

  /** Reopening is a decision too: by the coordinator, or a leader of the coordinator's unit. */
  reopen(ctx: RequestContext, id: string, reason: string, ifMatch: number): Promise<CaseResponse> {
    return this.commands.run(ctx, id, { ifMatch }, async (em, record) => {
      if (
        !ctx.ability.can('update', subject('Case', this.access.facts(record))) &&
        !ctx.ability.can('update', subject('CaseCoordinator', this.access.coordinatorFacts(record)))
      )
        throw new ForbiddenException('Only the coordinator or a leader of the coordinator’s unit reopens the case');
      try {
        reopenCase(this.access.state(record), reason);
      } catch (error) {
        ruleError(error);
      }
      await em.query(
        `UPDATE coordinated_case SET status = 'open', closure_reason = NULL, closure_other_text = NULL, closed_at = NULL WHERE id = $1`,
        [record.id],
      );
      await this.access.touch(em, record.id);
      await this.decision(em, ctx, record.id, { kind: 'reopened', from: record.level, to: record.level, reason, childView: null });
      await this.access.log(em, ctx, record.id, 'reopened', reason);
      await this.access.record(em, ctx, record, 'reopen', 'case', record.id, 'case');
    });
  }

  private async decision(
    em: EntityManager,
    ctx: RequestContext,
    caseId: string,
    d: { kind: string; from: CaseLevel | null; to: CaseLevel; reason: string; childView: string | null; meetingId?: string | null },
  ): Promise<void> {
    await em.query(
      `INSERT INTO case_level_decision (municipality_id, case_id, kind, from_level, to_level, reason, child_view, meeting_id, decided_by_user_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [ctx.principal.municipalityId, caseId, d.kind, d.from, d.to, d.reason, d.childView, d.meetingId ?? null, ctx.principal.userId],
    );
  }

  private async assertMeetingOf(em: EntityManager, record: CaseRecord, meetingId: string): Promise<void> {
    const [meeting] = await em.query('SELECT 1 FROM case_meeting WHERE id = $1 AND case_id = $2 AND municipality_id = $3', [
      meetingId,
      record.id,
      record.municipalityId,
    ]);
    if (!meeting) throw fieldError('meetingId', 'meetingId must be a meeting of this case');
  }

  /** The concern, locked, if the caller works on it (author or unit leader); 403 when only readable, 404 otherwise. */
  private async decidedConcern(em: EntityManager, ctx: RequestContext, concernId: string): Promise<DecidedConcern> {
    const scope = concernScope(ctx.principal, 'update', 2);
    const [concern]: DecidedConcern[] = await em.query(
      `SELECT c.id, c.unit_id AS "unitId", u.service_id AS "serviceId", u.name AS "unitName", c.child_id AS "childId", c.status,
              c.requested_case_level AS "requestedCaseLevel", c.decision_reason AS "decisionReason", c.categories
         FROM concern c JOIN unit u ON u.id = c.unit_id AND u.municipality_id = c.municipality_id
        WHERE c.id = $1 AND ${scope.sql} FOR UPDATE OF c`,
      [concernId, ...scope.params],
    );
    if (!concern) {
      const readable = concernScope(ctx.principal, 'read', 2);
      const [visible] = await em.query(`SELECT 1 FROM concern c WHERE c.id = $1 AND ${readable.sql}`, [concernId, ...readable.params]);
      if (visible) throw new ForbiddenException('Only the author and the unit’s leaders open a case from a concern');
      throw new NotFoundException();
    }
    if (concern.status !== 'decided' || !concern.requestedCaseLevel)
      throw fieldError('concernId', 'The concern must first be decided as action in own service or collaboration');
    return concern;
  }
}
