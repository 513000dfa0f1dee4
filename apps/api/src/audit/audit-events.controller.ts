import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { AuditService } from './audit.service';
import { AuditEventQuery, AuditEventResponseDto } from './dto/audit-event-response.dto';

@ApiTags('audit')
@Controller('audit-events')
export class AuditEventsController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @Authorize('read', 'AuditEvent')
  @RateLimited('list')
  @ApiOperation({ summary: 'The access log of the privacy officer’s municipality, newest first' })
  @ApiOkResponse({ type: [AuditEventResponseDto] })
  list(@CurrentContext() ctx: RequestContext, @Query() query: AuditEventQuery): Promise<AuditEventResponseDto[]> {
    return this.dataSource.transaction(async (em) => {
      const rows: AuditEventResponseDto[] = await em.query(
        `SELECT a.id, a.occurred_at AS "occurredAt", u.display_name AS "actorDisplayName", a.actor_role AS "actorRole", a.action,
                a.record_type AS "recordType", a.category, a.basis, a.outcome
           FROM audit_event a LEFT JOIN app_user u ON u.id = a.actor_user_id AND u.municipality_id = a.municipality_id
          WHERE a.municipality_id = $1 AND ($2::uuid IS NULL OR a.subject_child_id = $2)
          ORDER BY a.occurred_at DESC, a.seq DESC LIMIT $3`,
        [ctx.principal.municipalityId, query.childId ?? null, query.limit ?? 50],
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
