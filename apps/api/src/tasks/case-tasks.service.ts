import { leaderUnitsOf, memberUnitsOf } from '@stafett/domain';
import { Injectable } from '@nestjs/common';
import type { CaseTasks } from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import { ActingTransactions } from '../database/acting-transactions';
import type { RequestContext } from '../authorization/authorization.decorators';
import { AuditedRow, CaseAccess, withoutAuditFields } from '../cases/case-access.service';
import { iso } from '../cases/case-details';
import { CASE_CONTENT, CASE_VIEW_JSON, caseView } from '../cases/case-projection';
import { COORDINATOR_INACTIVE_REASON } from '../cases/coordinator-standing';

const CHILD = `json_build_object('givenName', ch.given_name, 'familyName', ch.family_name) AS child`;
const AUDITED = `k.child_id AS "childId", ${CASE_VIEW_JSON} AS view`;

/**
 * "My tasks" for cases: every list inside is the caller's view of the cases (`case_view`) narrowed
 * further, in SQL; a measure or meeting of a category their view does not cover is no task of theirs.
 */
@Injectable()
export class CaseTasksService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly access: CaseAccess,
  ) {}

  tasks(ctx: RequestContext): Promise<CaseTasks> {
    return this.tx.run(ctx, async (em) => {
      const me = ctx.principal.userId;
      const evaluationsDue = await this.audited<CaseTasks['evaluationsDue'][number]>(
        em,
        ctx,
        `SELECT k.id AS "caseId", ${CHILD}, m.id AS "measureId", m.description, to_char(m.evaluation_due_on, 'YYYY-MM-DD') AS "evaluationDueOn",
                (m.evaluation_due_on < current_date) AS overdue, ${AUDITED}
           FROM case_measure m
           JOIN coordinated_case k ON k.id = m.case_id AND k.municipality_id = m.municipality_id ${caseView('k')}
           JOIN case_participant p ON p.id = m.responsible_participant_id AND p.municipality_id = m.municipality_id
           JOIN child ch ON ch.id = k.child_id AND ch.municipality_id = k.municipality_id
          WHERE k.status = 'open' AND m.status = 'active' AND m.evaluation_due_on <= current_date + 14 AND ${CASE_CONTENT.measure('m')}
            AND (k.coordinator_user_id = $1 OR p.unit_id = ANY($2::uuid[]))
          ORDER BY m.evaluation_due_on, m.id LIMIT 200`,
        [me, memberUnitsOf(ctx.principal)],
      );
      const transfersAwaitingMe = await this.audited<CaseTasks['transfersAwaitingMe'][number]>(
        em,
        ctx,
        `SELECT k.id AS "caseId", t.id AS "transferId", ${CHILD}, json_build_object('userId', fu.id, 'displayName', fu.display_name) AS "from",
                ${iso('t.requested_at')} AS "requestedAt", ${AUDITED}
           FROM baton_transfer t
           JOIN coordinated_case k ON k.id = t.case_id AND k.municipality_id = t.municipality_id ${caseView('k')}
           JOIN app_user fu ON fu.id = t.from_user_id AND fu.municipality_id = t.municipality_id
           JOIN child ch ON ch.id = k.child_id AND ch.municipality_id = k.municipality_id
          WHERE t.status = 'pending' AND t.to_user_id = $1
          ORDER BY t.requested_at LIMIT 200`,
        [me],
      );
      const meetingsComingUp = await this.audited<CaseTasks['meetingsComingUp'][number]>(
        em,
        ctx,
        `SELECT k.id AS "caseId", mt.id AS "meetingId", ${CHILD}, ${iso('mt.meeting_at')} AS "meetingAt", mt.agenda, ${AUDITED}
           FROM case_meeting mt
           JOIN coordinated_case k ON k.id = mt.case_id AND k.municipality_id = mt.municipality_id ${caseView('k')}
           JOIN child ch ON ch.id = k.child_id AND ch.municipality_id = k.municipality_id
          WHERE k.status = 'open' AND mt.meeting_at >= now() AND mt.meeting_at < now() + interval '14 days' AND ${CASE_CONTENT.meeting('mt')}
          ORDER BY mt.meeting_at LIMIT 200`,
        [],
      );
      const casesWithoutActiveCoordinator = await this.audited<CaseTasks['casesWithoutActiveCoordinator'][number]>(
        em,
        ctx,
        `SELECT k.id AS "caseId", ${CHILD}, json_build_object('userId', cu.id, 'displayName', cu.display_name) AS coordinator,
                un.name AS "unitName", w.reason, ${AUDITED}
           FROM coordinated_case k ${caseView('k')}
           JOIN app_user cu ON cu.id = k.coordinator_user_id AND cu.municipality_id = k.municipality_id
           JOIN unit un ON un.id = k.coordinator_unit_id AND un.municipality_id = k.municipality_id
           JOIN child ch ON ch.id = k.child_id AND ch.municipality_id = k.municipality_id
           CROSS JOIN LATERAL (SELECT ${COORDINATOR_INACTIVE_REASON} AS reason) w
          WHERE k.status = 'open' AND (k.coordinator_unit_id = ANY($1::uuid[]) OR k.owner_unit_id = ANY($1::uuid[]))
            AND (w.reason = 'left' AND k.coordinator_unit_id = ANY($1::uuid[]) OR w.reason = 'no_access' AND k.owner_unit_id = ANY($1::uuid[]))
          ORDER BY k.opened_at LIMIT 200`,
        [leaderUnitsOf(ctx.principal)],
      );
      const [{ settings }]: Array<{ settings: { consentReminderDays: number[] } }> = await em.query(
        'SELECT settings FROM municipality WHERE id = $1',
        [ctx.principal.municipalityId],
      );
      const reminderDays = [...settings.consentReminderDays].sort((x, y) => x - y);
      const consentReminders = (
        await this.audited<Omit<CaseTasks['consentReminders'][number], 'reminderDay'>>(
          em,
          ctx,
          `SELECT k.id AS "caseId", c.id AS "consentId", ${CHILD}, to_char(c.valid_to, 'YYYY-MM-DD') AS "validTo",
                  (c.valid_to - current_date) AS "daysLeft", ${AUDITED}
             FROM consent c
             JOIN coordinated_case k ON k.id = c.case_id AND k.municipality_id = c.municipality_id ${caseView('k')}
             JOIN child ch ON ch.id = k.child_id AND ch.municipality_id = k.municipality_id
            WHERE k.status = 'open' AND k.coordinator_user_id = $1 AND c.status = 'active'
              AND c.valid_to >= current_date AND c.valid_to - current_date <= $2::int
            ORDER BY c.valid_to LIMIT 200`,
          [me, Math.max(0, ...reminderDays)],
        )
      ).map((r) => ({ ...r, reminderDay: reminderDays.find((d) => d >= r.daysLeft) as number }));
      // The latest version of each case's consent, ended by withdrawal or by its last day passing.
      const consentsEnded = await this.audited<CaseTasks['consentsEnded'][number]>(
        em,
        ctx,
        `SELECT k.id AS "caseId", c.id AS "consentId", ${CHILD},
                CASE WHEN c.status = 'withdrawn' THEN 'withdrawn' ELSE 'expired' END AS status,
                to_char(CASE WHEN c.status = 'withdrawn' THEN c.withdrawn_at::date ELSE c.valid_to + 1 END, 'YYYY-MM-DD') AS "endedOn", ${AUDITED}
           FROM coordinated_case k ${caseView('k')}
           JOIN child ch ON ch.id = k.child_id AND ch.municipality_id = k.municipality_id
           JOIN LATERAL (SELECT * FROM consent c WHERE c.case_id = k.id AND c.municipality_id = k.municipality_id
                          ORDER BY c.version_no DESC LIMIT 1) c ON true
          WHERE k.status = 'open' AND k.coordinator_user_id = $1
            AND (c.status = 'withdrawn' OR (c.status = 'active' AND c.valid_to < current_date))
          ORDER BY "endedOn" DESC LIMIT 200`,
        [me],
      );
      return { evaluationsDue, transfersAwaitingMe, meetingsComingUp, casesWithoutActiveCoordinator, consentReminders, consentsEnded };
    });
  }

  /** Runs a task query and writes one audit event per row: each row names a child. */
  private async audited<T>(em: EntityManager, ctx: RequestContext, sql: string, params: unknown[]): Promise<T[]> {
    const rows: Array<T & AuditedRow & { caseId: string }> = await em.query(sql, params);
    for (const row of rows) await this.access.record(em, ctx, { ...row, id: row.caseId }, 'read', 'case', row.caseId, 'tasks');
    return rows.map((row) => withoutAuditFields(row) as unknown as T);
  }
}
