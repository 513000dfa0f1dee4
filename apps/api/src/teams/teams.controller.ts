import { Body, Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseRefParams, JoiningParticipantDto, ParticipantParams, ReasonDto } from '../cases/dto/case-requests.dto';
import { CaseResponseDto, CoordinatorCandidateResponseDto } from '../cases/dto/case-response.dto';
import { ApiIfMatch, RequiredIfMatch, withEtag } from '../http/if-match';
import { IdempotentCreate } from '../http/idempotency';
import { CASE_REPLAY } from '../cases/case-replay';
import { TeamsService } from './teams.service';

@ApiTags('cases')
@Controller('cases/:caseId')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Post('participants')
  @HttpCode(200)
  @Authorize('update', 'Case')
  @IdempotentCreate(CASE_REPLAY)
  @ApiOperation({ summary: 'A unit joins the team around the child (another service only from level 2)' })
  @ApiIfMatch('the case (its ETag)')
  @ApiOkResponse({ type: CaseResponseDto })
  async add(
    @CurrentContext() ctx: RequestContext,
    @Param() params: CaseRefParams,
    @Body() body: JoiningParticipantDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.teams.add(ctx, params.caseId, body, version));
  }

  @Post('participants/:participantId/leave')
  @HttpCode(200)
  @Authorize('update', 'Case')
  @ApiOperation({ summary: 'A unit leaves the team; its access ends at once' })
  @ApiIfMatch('the case (its ETag)')
  @ApiOkResponse({ type: CaseResponseDto })
  async leave(
    @CurrentContext() ctx: RequestContext,
    @Param() params: ParticipantParams,
    @Body() body: ReasonDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.teams.leave(ctx, params.caseId, params.participantId, body.reason, version));
  }

  @Get('coordinator-candidates')
  @Authorize('update', 'Case')
  @ApiOperation({ summary: 'Staff of the taking-part units who could take over the baton' })
  @ApiOkResponse({ type: [CoordinatorCandidateResponseDto] })
  candidates(@CurrentContext() ctx: RequestContext, @Param() params: CaseRefParams) {
    return this.teams.candidates(ctx, params.caseId);
  }
}
