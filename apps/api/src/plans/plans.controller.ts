import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { CaseRefParams } from '../cases/dto/case-requests.dto';
import { CaseResponseDto, LogEntryResponseDto } from '../cases/dto/case-response.dto';
import { ApiIfMatch, RequiredIfMatch, withEtag } from '../http/if-match';
import { IdempotentCreate } from '../http/idempotency';
import { CASE_REPLAY } from '../cases/case-replay';
import {
  EvaluationDto,
  GoalChangeDto,
  GoalDto,
  GoalParams,
  LogEntryDto,
  MeasureChangeDto,
  MeasureDto,
  MeasureParams,
  LogEntryParams,
  PrivateNoteDto,
} from './dto/plan.dto';
import { PlansService } from './plans.service';

/**
 * A change of a goal or a measure, or an evaluation, names the part's version (If-Match) and answers
 * the whole case: without an ETag, since the case's would read as the part's. The part's new version
 * is in the body (`goals[].version`, `measures[].version`).
 */
@ApiTags('cases')
@Controller('cases/:caseId')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Post('goals')
  @HttpCode(200)
  @Authorize('update', 'Case')
  @IdempotentCreate(CASE_REPLAY)
  @ApiOperation({ summary: 'Add a goal to the plan' })
  @ApiOkResponse({ type: CaseResponseDto })
  async addGoal(
    @CurrentContext() ctx: RequestContext,
    @Param() p: CaseRefParams,
    @Body() body: GoalDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.plans.addGoal(ctx, p.caseId, body));
  }

  @Patch('goals/:goalId')
  @Authorize('update', 'Case')
  @ApiOperation({ summary: 'Change a goal (If-Match: its version); answers the case, the goal’s new version in it' })
  @ApiIfMatch('the goal (`goals[].version`)')
  @ApiOkResponse({ type: CaseResponseDto })
  updateGoal(
    @CurrentContext() ctx: RequestContext,
    @Param() p: GoalParams,
    @Body() body: GoalChangeDto,
    @RequiredIfMatch() version: number,
  ) {
    return this.plans.updateGoal(ctx, p.caseId, p.goalId, body, version);
  }

  @Post('measures')
  @HttpCode(200)
  @Authorize('update', 'Case')
  @IdempotentCreate(CASE_REPLAY)
  @ApiOperation({ summary: 'Add a measure with a responsible participant and an evaluation due date' })
  @ApiOkResponse({ type: CaseResponseDto })
  async addMeasure(
    @CurrentContext() ctx: RequestContext,
    @Param() p: CaseRefParams,
    @Body() body: MeasureDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.plans.addMeasure(ctx, p.caseId, body));
  }

  @Patch('measures/:measureId')
  @Authorize('update', 'Case')
  @ApiOperation({ summary: 'Change a measure (coordinator or the responsible unit; If-Match: its version); answers the case' })
  @ApiIfMatch('the measure (`measures[].version`)')
  @ApiOkResponse({ type: CaseResponseDto })
  updateMeasure(
    @CurrentContext() ctx: RequestContext,
    @Param() p: MeasureParams,
    @Body() body: MeasureChangeDto,
    @RequiredIfMatch() version: number,
  ) {
    return this.plans.updateMeasure(ctx, p.caseId, p.measureId, body, version);
  }

  @Post('measures/:measureId/evaluations')
  @HttpCode(200)
  @Authorize('create', 'CaseContribution')
  @IdempotentCreate(CASE_REPLAY, { etag: false })
  @ApiOperation({ summary: 'Evaluate a measure: effect, the child’s view, and continue, change or stop (If-Match: the measure’s version)' })
  @ApiIfMatch('the measure (`measures[].version`)')
  @ApiOkResponse({ type: CaseResponseDto })
  evaluate(
    @CurrentContext() ctx: RequestContext,
    @Param() p: MeasureParams,
    @Body() body: EvaluationDto,
    @RequiredIfMatch() version: number,
  ) {
    return this.plans.evaluate(ctx, p.caseId, p.measureId, body, version);
  }

  @Get('log')
  @Authorize('read', 'Case')
  @RateLimited('list')
  @ApiOperation({ summary: 'The shared log (stafettlogg), newest first, as you may read it' })
  @ApiOkResponse({ type: [LogEntryResponseDto] })
  log(@CurrentContext() ctx: RequestContext, @Param() p: CaseRefParams) {
    return this.plans.log(ctx, p.caseId);
  }

  @Get('log/:entryId')
  @Authorize('read', 'Case')
  @ApiOperation({ summary: 'One entry of the shared log' })
  @ApiOkResponse({ type: LogEntryResponseDto })
  @ApiNotFoundResponse()
  logEntry(@CurrentContext() ctx: RequestContext, @Param() p: LogEntryParams) {
    return this.plans.logEntry(ctx, p.caseId, p.entryId);
  }

  @Post('log-entries')
  @HttpCode(200)
  @Authorize('create', 'CaseContribution')
  @IdempotentCreate(CASE_REPLAY)
  @ApiOperation({ summary: 'Write a short entry in the shared log' })
  @ApiOkResponse({ type: CaseResponseDto })
  async addLogEntry(
    @CurrentContext() ctx: RequestContext,
    @Param() p: CaseRefParams,
    @Body() body: LogEntryDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.plans.addLogEntry(ctx, p.caseId, body));
  }

  @Post('private-notes')
  @HttpCode(200)
  @Authorize('create', 'CasePrivateNote')
  @IdempotentCreate(CASE_REPLAY)
  @ApiOperation({ summary: 'Write a note only your own unit will see' })
  @ApiOkResponse({ type: CaseResponseDto })
  async addPrivateNote(
    @CurrentContext() ctx: RequestContext,
    @Param() p: CaseRefParams,
    @Body() body: PrivateNoteDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.plans.addPrivateNote(ctx, p.caseId, body));
  }
}
