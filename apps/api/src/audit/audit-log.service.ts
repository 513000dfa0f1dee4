import { Injectable } from '@nestjs/common';
import type { RequestContext } from '../authorization/authorization.decorators';
import { ActingTransactions } from '../database/acting-transactions';
import { AuditService } from './audit.service';
import { AuditEventQuery, AuditEventResponseDto } from './dto/audit-event-response.dto';

/** The privacy officer's reading of the audit trail: who did what, when, on which basis, with what outcome — never content. */
@Injectable()
export class AuditLogService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly audit: AuditService,
  ) {}

  list(ctx: RequestContext, query: AuditEventQuery): Promise<AuditEventResponseDto[]> {
    return this.tx.run(ctx, async (em) => {
      const rows: AuditEventResponseDto[] = await em.query(
        `SELECT a.id, a.occurred_at AS "occurredAt", u.display_name AS "actorDisplayName", a.actor_role AS "actorRole", a.action,
                a.record_type AS "recordType", a.record_id AS "recordId", a.category, a.basis, a.outcome
           FROM audit_event a LEFT JOIN app_user u ON u.id = a.actor_user_id AND u.municipality_id = a.municipality_id
          WHERE a.municipality_id = $1 AND ($2::uuid IS NULL OR a.subject_child_id = $2) AND ($3::text IS NULL OR a.outcome = $3)
            AND ($4::uuid IS NULL OR a.actor_user_id = $4)
          ORDER BY a.occurred_at DESC, a.seq DESC LIMIT $5`,
        [ctx.principal.municipalityId, query.childId ?? null, query.outcome ?? null, query.actorUserId ?? null, query.limit ?? 50],
      );
      // Reading the access log is itself an access to personal data.
      await this.audit.recordFor(em, ctx, {
        subjectChildId: query.childId ?? null,
        action: 'read',
        recordType: 'audit_event',
        category: 'access_log',
        basis: 'role',
      });
      return rows;
    });
  }
}
