import { Body, Controller, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseRefParams } from '../cases/dto/case-requests.dto';
import { CaseResponseDto } from '../cases/dto/case-response.dto';
import { ApiIfMatch, RequiredIfMatch, withEtag } from '../http/if-match';
import { IdempotentCreate } from '../http/idempotency';
import { CASE_REPLAY } from '../cases/case-replay';
import { MeetingChangeDto, MeetingDto, MeetingParams } from './dto/meeting.dto';
import { MeetingsService } from './meetings.service';

/**
 * A change of a meeting names the meeting's version (If-Match) and answers the whole case: without an
 * ETag, since the case's would read as the meeting's. Its new version is in the body (`meetings[].version`).
 */

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
  @ApiIfMatch('the meeting (`meetings[].version`)')
  @ApiOkResponse({ type: CaseResponseDto })
  update(
    @CurrentContext() ctx: RequestContext,
    @Param() p: MeetingParams,
    @Body() body: MeetingChangeDto,
    @RequiredIfMatch() version: number,
  ) {
    return this.meetings.update(ctx, p.caseId, p.meetingId, body, version);
  }

  @Post(':meetingId/finalize')
  @HttpCode(200)
  @Authorize('update', 'Case')
  @ApiOperation({ summary: 'Make the minutes final; they can no longer be changed' })
  @ApiIfMatch('the meeting (`meetings[].version`)')
  @ApiOkResponse({ type: CaseResponseDto })
  finalize(@CurrentContext() ctx: RequestContext, @Param() p: MeetingParams, @RequiredIfMatch() version: number) {
    return this.meetings.finalize(ctx, p.caseId, p.meetingId, version);
  }
}
