import { Controller, Get, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { AccessLogEntryResponse } from '@stafett/domain';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { CaseRefParams } from '../cases/dto/case-requests.dto';
import { AccessLogService } from './access-log.service';

export class AccessLogEntryDto implements AccessLogEntryResponse {
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ nullable: true, type: String, description: 'Null for a guardian who does not share the child’s address protection' })
  actor!: string | null;
  @ApiProperty({ nullable: true, type: String }) role!: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName!: string | null;
  @ApiProperty({ nullable: true, type: String }) serviceName!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty() recordType!: string;
  @ApiProperty({ nullable: true, type: String }) basis!: string | null;
}

@ApiTags('family')
@Controller('cases/:caseId/access-log')
export class AccessLogController {
  constructor(private readonly accessLog: AccessLogService) {}

  @Get()
  @Authorize('read', 'CaseAccessLog')
  @RateLimited('list')
  @ApiOperation({ summary: 'Family: who read or changed the child’s case, when, in which role and service, on what basis' })
  @ApiOkResponse({ type: [AccessLogEntryDto] })
  list(@CurrentContext() ctx: RequestContext, @Param() p: CaseRefParams) {
    return this.accessLog.forCase(ctx, p.caseId);
  }
}
