import { Injectable, NotFoundException } from '@nestjs/common';
import { subject } from '@stafett/domain';
import type { AccessLogEntryResponse } from '@stafett/domain';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseAccess } from '../cases/case-access.service';
import { iso } from '../cases/case-details';
import { CASE_FIELDS } from '../cases/case-projection';
import { ActingTransactions } from '../database/acting-transactions';

/** What of the audit trail the family sees: access to the child's case content by others, never a report to child welfare. */
const CASE_RECORD_TYPES = [
  'case',
  'case_participant',
  'case_goal',
  'case_measure',
  'measure_evaluation',
  'case_meeting',
  'case_log_entry',
  'case_private_note',
  'coordinator_wish',
  'baton_transfer',
  'consent',
];

/**
 * The family's access log (SECURITY.md S14): guardians with parental responsibility and the
 * youth see who accessed the child's cases — when, in which role, unit and service, and on what
 * basis — from the append-only audit trail. Reading it is itself recorded.
 */
@Injectable()
export class AccessLogService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly access: CaseAccess,
  ) {}

  forCase(ctx: RequestContext, caseId: string): Promise<AccessLogEntryResponse[]> {
    return this.tx.run(ctx, async (em) => {
      const record = await this.access.load(em, ctx, caseId);
      if (!ctx.ability.can('read', subject('CaseAccessLog', this.access.facts(record)))) throw new NotFoundException();
      const rows: AccessLogEntryResponse[] = await em.query(
        `SELECT ${iso('a.occurred_at')} AS "occurredAt", ${CASE_FIELDS.whereabouts("COALESCE(u.display_name, '')", '$4::boolean')} AS actor,
                a.actor_role AS role, ${CASE_FIELDS.whereabouts('un.name', '$4::boolean')} AS "unitName", s.name AS "serviceName",
                a.action, a.record_type AS "recordType", a.basis
           FROM audit_event a
           JOIN app_user u ON u.id = a.actor_user_id AND u.municipality_id = a.municipality_id
           LEFT JOIN unit un ON un.id = a.actor_unit_id AND un.municipality_id = a.municipality_id
           LEFT JOIN service s ON s.id = un.service_id AND s.municipality_id = un.municipality_id
          WHERE a.municipality_id = $1 AND a.subject_child_id = $2 AND a.outcome = 'success'
            AND a.record_type = ANY($3::text[]) AND u.kind = 'staff'
          ORDER BY a.occurred_at DESC, a.seq DESC LIMIT 1000`,
        // $4: the reader does not share the child's address protection, so staff and units are left out (S32).
        [record.municipalityId, record.childId, CASE_RECORD_TYPES, record.view.whereaboutsHidden],
      );
      await this.access.record(em, ctx, record, 'read', 'access_log', record.id, 'access_log');
      return rows;
    });
  }
}
