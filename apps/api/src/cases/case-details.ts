import { Injectable } from '@nestjs/common';
import { subject, writesUnderHealthRegime } from '@stafett/domain';
import type { CaseResponse, ConfidentialityRegime, LogEntryResponse } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseAccess, CaseRecord } from './case-access.service';
import { CASE_CONTENT, CASE_FIELDS, caseView } from './case-projection';

/** A timestamptz as ISO 8601 in UTC, as every case response gives times. */
export const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const day = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
const person = (alias: string) => `json_build_object('userId', ${alias}.id, 'displayName', ${alias}.display_name)`;
/** The case page's $5: the reader must not learn a protected child's whereabouts (the view's `whereabouts_hidden`). */
const HIDDEN = '$5::boolean';
/** A staff member, named unless a part's view (`v`, or `hidden`) hides the child's whereabouts. */
const staffMember = (alias: string, hidden?: string) =>
  `json_build_object('userId', ${alias}.id, 'displayName', ${CASE_FIELDS.whereabouts(`${alias}.display_name`, hidden)})`;
const where = (expression: string, hidden?: string) => CASE_FIELDS.whereabouts(expression, hidden);

/*
 * The SQL is built on each call, not once: the text comes out the same every time (so the
 * statement's plan stays cached), and a test that replaces the projection (rls-defence.spec)
 * sees each read go through it.
 */

/** Each part joins the caller's view of the case: `v` below (categories, services, own units, family). */
const viewed = () => `JOIN coordinated_case k ON k.id = $1 AND k.municipality_id = $2 ${caseView('k')}`;

/** The shared log as the caller may read it ($3: one entry, or NULL for the latest 500). */
const logSql =
  () => `SELECT l.id, l.kind, ${CASE_FIELDS.logText('l')} AS text, l.category, ${staffMember('u')} AS author, ${iso('l.created_at')} AS "createdAt"
         FROM case_log_entry l JOIN app_user u ON u.id = l.author_user_id AND u.municipality_id = l.municipality_id
         JOIN coordinated_case k ON k.id = l.case_id AND k.municipality_id = l.municipality_id ${caseView('k')}
        WHERE l.case_id = $1 AND l.municipality_id = $2 AND ${CASE_CONTENT.logEntry('l')}
          AND ($3::uuid IS NULL OR l.id = $3)
        ORDER BY l.created_at DESC, l.id DESC LIMIT 500`;

/** The parts of the case page, each a query of the case `$1` in municipality `$2`, in the order shown. */
const parts = () => ({
  levelHistory: `SELECT d.id, d.kind, d.from_level AS "fromLevel", d.to_level AS "toLevel", d.reason, d.child_view AS "childView",
              d.meeting_id AS "meetingId", ${staffMember('u', HIDDEN)} AS "decidedBy", ${iso('d.decided_at')} AS "decidedAt"
         FROM case_level_decision d JOIN app_user u ON u.id = d.decided_by_user_id AND u.municipality_id = d.municipality_id
        WHERE d.case_id = $1 AND d.municipality_id = $2 ORDER BY d.decided_at, d.id`,
  participants: `SELECT p.id, p.unit_id AS "unitId", ${where('u.name')} AS "unitName", s.id AS "serviceId", s.name AS "serviceName", p.role,
              COALESCE((SELECT json_agg(${person('su')} ORDER BY su.display_name) FROM app_user su
                         WHERE su.municipality_id = p.municipality_id AND su.id = ANY(p.staff_user_ids) AND NOT v.whereabouts_hidden), '[]') AS staff,
              ${day('p.from_on')} AS "fromOn", ${day('p.to_on')} AS "toOn",
              (p.left_at IS NULL AND p.from_on <= current_date AND (p.to_on IS NULL OR p.to_on >= current_date)) AS active,
              ${iso('p.left_at')} AS "leftAt"
         FROM case_participant p
         JOIN unit u ON u.id = p.unit_id AND u.municipality_id = p.municipality_id
         JOIN service s ON s.id = u.service_id AND s.municipality_id = u.municipality_id
         ${viewed()}
        WHERE p.case_id = $1 AND p.municipality_id = $2 AND ${CASE_CONTENT.participantUnit('u')}
        ORDER BY p.left_at NULLS FIRST, p.joined_at, p.id`,
  goals: `SELECT g.id, g.category, g.text, g.achieved, g.version FROM case_goal g ${viewed()}
        WHERE g.case_id = $1 AND g.municipality_id = $2 AND ${CASE_CONTENT.goal('g')} ORDER BY g.created_at, g.id`,
  measures: `SELECT m.id, m.category, m.goal_id AS "goalId", m.description, m.responsible_participant_id AS "responsibleParticipantId", ${where('u.name')} AS "responsibleUnitName",
              ${day('m.evaluation_due_on')} AS "evaluationDueOn", (m.status = 'active' AND m.evaluation_due_on < current_date) AS "evaluationOverdue",
              m.status, m.version,
              COALESCE((SELECT json_agg(json_build_object('id', e.id, 'evaluatedOn', ${day('e.evaluated_on')}, 'effect', e.effect, 'childView', e.child_view,
                                                          'decision', e.decision, 'note', e.note, 'nextEvaluationDueOn', ${day('e.next_evaluation_due_on')},
                                                          'evaluatedBy', ${staffMember('eu')}) ORDER BY e.evaluated_on, e.created_at)
                          FROM measure_evaluation e JOIN app_user eu ON eu.id = e.evaluated_by_user_id AND eu.municipality_id = e.municipality_id
                         WHERE e.measure_id = m.id AND e.municipality_id = m.municipality_id), '[]') AS evaluations
         FROM case_measure m
         JOIN case_participant p ON p.id = m.responsible_participant_id AND p.municipality_id = m.municipality_id
         JOIN unit u ON u.id = p.unit_id AND u.municipality_id = p.municipality_id
         ${viewed()}
        WHERE m.case_id = $1 AND m.municipality_id = $2 AND ${CASE_CONTENT.measure('m')}
        ORDER BY m.status, m.evaluation_due_on, m.created_at`,
  meetings: `SELECT mt.id, mt.category, ${iso('mt.meeting_at')} AS "meetingAt", mt.attendee_participant_ids AS "attendeeParticipantIds",
              ${where('mt.other_attendees')} AS "otherAttendees", mt.agenda, ${CASE_FIELDS.meetingDecisions('mt')} AS decisions,
              ${day('mt.next_meeting_on')} AS "nextMeetingOn", mt.minutes_status AS "minutesStatus", mt.version
         FROM case_meeting mt ${viewed()}
        WHERE mt.case_id = $1 AND mt.municipality_id = $2 AND ${CASE_CONTENT.meeting('mt')}
        ORDER BY mt.meeting_at, mt.id`,
  log: logSql(),
  privateNotes: `SELECT n.id, n.unit_id AS "unitId", un.name AS "unitName", n.text, ${person('u')} AS author, ${iso('n.created_at')} AS "createdAt"
         FROM case_private_note n
         JOIN app_user u ON u.id = n.author_user_id AND u.municipality_id = n.municipality_id
         JOIN unit un ON un.id = n.unit_id AND un.municipality_id = n.municipality_id
         ${viewed()}
        WHERE n.case_id = $1 AND n.municipality_id = $2 AND ${CASE_CONTENT.privateNote('n')} ORDER BY n.created_at DESC, n.id DESC`,
  coordinatorWishes: `SELECT w.id, w.source, w.wish, CASE WHEN pu.id IS NULL THEN NULL ELSE ${staffMember('pu', HIDDEN)} END AS proposed,
              ${staffMember('ru', HIDDEN)} AS "recordedBy", ${iso('w.recorded_at')} AS "recordedAt"
         FROM coordinator_wish w
         JOIN app_user ru ON ru.id = w.recorded_by_user_id AND ru.municipality_id = w.municipality_id
         LEFT JOIN app_user pu ON pu.id = w.proposed_user_id AND pu.municipality_id = w.municipality_id
        WHERE w.case_id = $1 AND w.municipality_id = $2 ORDER BY w.recorded_at, w.id`,
});

const PENDING_TRANSFER = `SELECT t.id, t.status, ${person('fu')} AS "from",
              json_build_object('userId', tu.id, 'displayName', tu.display_name, 'unitId', un.id, 'unitName', un.name) AS "to",
              t.note, t.decline_reason AS "declineReason", ${iso('t.requested_at')} AS "requestedAt", ${iso('t.answered_at')} AS "answeredAt"
         FROM baton_transfer t
         JOIN app_user fu ON fu.id = t.from_user_id AND fu.municipality_id = t.municipality_id
         JOIN app_user tu ON tu.id = t.to_user_id AND tu.municipality_id = t.municipality_id
         JOIN unit un ON un.id = t.to_unit_id AND un.municipality_id = t.municipality_id
        WHERE t.case_id = $1 AND t.municipality_id = $2 AND t.status = 'pending'`;

/** A part's rows as one JSON array, in the part's own order (an aggregate keeps the order its sorted input comes in). */
const rowsOf = (sql: string) => `COALESCE((SELECT json_agg(x) FROM (${sql}) x), '[]'::json)`;

/**
 * The whole page in one statement: a round trip per part cost more, on both sides, than the
 * parts themselves (a case page was 12 statements). $3 is the log's one-entry filter (NULL),
 * $4 the caller's units in the case, for the confidentiality regimes they write under, $5 whether the
 * caller's view hides the child's whereabouts, $6 whether they read as family (who get no marking of
 * the child's address protection: staff do).
 */
const casePage = () => `
  SELECT json_build_object('id', ch.id, 'givenName', ch.given_name, 'familyName', ch.family_name, 'birthDate', ${day('ch.birth_date')},
                           'addressProtection', CASE WHEN $6::boolean THEN NULL ELSE ch.address_protection END) AS child,
         k.concern_id AS "concernId", ${iso('k.opened_at')} AS "openedAt",
         json_build_object('userId', cu.id, 'displayName', ${where('cu.display_name', HIDDEN)}, 'unitId', un.id, 'unitName', ${where('un.name', HIDDEN)},
                           'serviceId', un.service_id, 'since', ${iso('k.coordinator_since')}) AS coordinator,
         json_build_object('unitId', ou.id, 'unitName', ${where('ou.name', HIDDEN)}, 'serviceId', ou.service_id) AS "ownerUnit",
         CASE WHEN k.status = 'closed' THEN json_build_object('reason', k.closure_reason, 'otherText', k.closure_other_text,
                                                              'closedAt', ${iso('k.closed_at')}) END AS closure,
         ${Object.entries(parts())
           .map(([name, sql]) => `${rowsOf(sql)} AS "${name}"`)
           .join(',\n         ')},
         ${where(`(SELECT row_to_json(x) FROM (${PENDING_TRANSFER}) x LIMIT 1)`, HIDDEN)} AS "pendingTransfer",
         ARRAY(SELECT DISTINCT s.regime::text FROM unit ru JOIN service s ON s.id = ru.service_id AND s.municipality_id = ru.municipality_id
                WHERE ru.municipality_id = $2 AND ru.id = ANY ($4::uuid[])) AS "ownUnitRegimes"
    FROM coordinated_case k
    JOIN child ch ON ch.id = k.child_id AND ch.municipality_id = k.municipality_id
    JOIN app_user cu ON cu.id = k.coordinator_user_id AND cu.municipality_id = k.municipality_id
    JOIN unit un ON un.id = k.coordinator_unit_id AND un.municipality_id = k.municipality_id
    JOIN unit ou ON ou.id = k.owner_unit_id AND ou.municipality_id = k.municipality_id
   WHERE k.id = $1 AND k.municipality_id = $2`;

type CasePage = Pick<
  CaseResponse,
  'child' | 'concernId' | 'openedAt' | 'ownerUnit' | 'closure' | 'pendingTransfer' | keyof ReturnType<typeof parts>
> & {
  coordinator: Omit<CaseResponse['coordinator'], 'active' | 'inactiveReason'>;
  ownUnitRegimes: ConfidentialityRegime[];
};

/**
 * The whole case as the caller may see it: level and its history, team, plan, meetings, the
 * shared log, the baton — and private notes of the caller's own units only. Every part is read
 * through the caller's view of the case (`case_view`, see case-projection.ts), all by case id;
 * what a view does not cover is simply not selected.
 */
@Injectable()
export class CaseDetails {
  constructor(private readonly access: CaseAccess) {}

  /** The shared log as the caller may read it: notes of covered categories, team entries of services they may know of. */
  async log(em: EntityManager, record: CaseRecord, entryId: string | null = null): Promise<LogEntryResponse[]> {
    return em.query(logSql(), [record.id, record.municipalityId, entryId]);
  }

  async read(em: EntityManager, ctx: RequestContext, record: CaseRecord): Promise<CaseResponse> {
    const ownUnits = this.access.ownUnits(record);
    const [page]: CasePage[] = await em.query(casePage(), [
      record.id,
      record.municipalityId,
      null,
      ownUnits,
      record.view.whereaboutsHidden,
      record.view.family,
    ]);
    const facts = this.access.facts(record);
    return {
      id: record.id,
      child: page.child,
      concernId: page.concernId,
      status: record.status,
      level: record.level,
      openedAt: page.openedAt,
      ownerUnit: page.ownerUnit,
      coordinator: {
        ...page.coordinator,
        active: record.coordinatorStanding === 'active',
        inactiveReason: record.coordinatorStanding === 'active' ? null : record.coordinatorStanding,
      },
      pendingTransfer: page.pendingTransfer,
      levelHistory: page.levelHistory,
      participants: page.participants,
      goals: page.goals,
      measures: page.measures,
      meetings: page.meetings,
      log: page.log,
      privateNotes: page.privateNotes,
      coordinatorWishes: page.coordinatorWishes,
      closure: page.closure,
      whereaboutsHidden: record.view.whereaboutsHidden,
      permissions: {
        isCoordinator: record.coordinatorUserId === ctx.principal.userId,
        canCoordinate: ctx.ability.can('update', subject('Case', facts)),
        canContribute: ctx.ability.can('create', subject('CaseContribution', facts)),
        canAnswerTransfer: record.pendingTransfer?.toUserId === ctx.principal.userId,
        canReassign:
          record.coordinatorStanding !== 'active' &&
          ctx.ability.can('update', subject('CaseCoordinator', this.access.coordinatorFacts(record))),
        ownParticipantUnitIds: ownUnits,
        writesUnderHealthRegime: writesUnderHealthRegime(page.ownUnitRegimes),
      },
      version: record.version,
    };
  }
}
