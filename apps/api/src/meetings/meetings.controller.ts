import { Body, Controller, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseRefParams } from '../cases/dto/case-requests.dto';
import { CaseResponseDto } from '../cases/dto/case-response.dto';
import { RequiredIfMatch, withEtag } from '../http/if-match';
import { IdempotentCreate } from '../http/idempotency';
import { CASE_REPLAY } from '../cases/case-replay';
import { MeetingChangeDto, MeetingDto, MeetingParams } from './dto/meeting.dto';
import { MeetingsService } from './meetings.service';

const IF_MATCH = { name: 'If-Match', required: true, description: 'The meeting’s version you read; stale → 412, missing → 428' };

@ApiTags('cases')
@Controller('cases/:caseId/meetings')
export class MeetingsController {
  constructor(private readonly meetings: MeetingsService) {}

  @Post()
  @HttpCode(200)
  @Authorize('update', 'Case')
  @IdempotentCreate(CASE_REPLAY)
  @ApiOperation({ summary: 'Plan or record a meeting of the team around the child (minutes start as a draft)' })
  @ApiOkResponse({ type: CaseResponseDto })
  async add(
    @CurrentContext() ctx: RequestContext,
    @Param() p: CaseRefParams,
    @Body() body: MeetingDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.meetings.add(ctx, p.caseId, body));
  }

  @Patch(':meetingId')
  @Authorize('update', 'Case')
  @ApiOperation({ summary: 'Edit a meeting’s draft minutes' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CaseResponseDto })
  async update(
    @CurrentContext() ctx: RequestContext,
    @Param() p: MeetingParams,
    @Body() body: MeetingChangeDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.meetings.update(ctx, p.caseId, p.meetingId, body, version));
  }

  @Post(':meetingId/finalize')
  @HttpCode(200)
  @Authorize('update', 'Case')
  @ApiOperation({ summary: 'Make the minutes final; they can no longer be changed' })
  @ApiHeader(IF_MATCH)
  @ApiOkResponse({ type: CaseResponseDto })
  async finalize(
    @CurrentContext() ctx: RequestContext,
    @Param() p: MeetingParams,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.meetings.finalize(ctx, p.caseId, p.meetingId, version));
  }
}
