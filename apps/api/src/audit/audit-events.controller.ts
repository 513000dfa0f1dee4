import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { AuditLogService } from './audit-log.service';
import { AuditEventQuery, AuditEventResponseDto } from './dto/audit-event-response.dto';

@ApiTags('audit')
@Controller('audit-events')
export class AuditEventsController {
  constructor(private readonly auditLog: AuditLogService) {}

  @Get()
  @Authorize('read', 'AuditEvent')
  @RateLimited('list')
  @ApiOperation({ summary: 'The access log of the privacy officer’s municipality, newest first; filter by child, actor and outcome' })
  @ApiOkResponse({ type: [AuditEventResponseDto] })
  list(@CurrentContext() ctx: RequestContext, @Query() query: AuditEventQuery): Promise<AuditEventResponseDto[]> {
    return this.auditLog.list(ctx, query);
  }
}
