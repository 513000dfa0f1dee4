import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { ApiIfMatch, RequiredIfMatch, withEtag } from '../http/if-match';
import { PageQuery, sendPage } from '../http/paging';
import { IdempotentCreate } from '../http/idempotency';
import { CASE_REPLAY } from './case-replay';
import { CasesService } from './cases.service';
import { CaseIdParams, ChangeLevelDto, CloseCaseDto, OpenCaseDto, ReasonDto } from './dto/case-requests.dto';
import { CaseResponseDto, CaseSummaryResponseDto } from './dto/case-response.dto';

@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Post()
  @Authorize('create', 'Case')
  @IdempotentCreate(CASE_REPLAY)
  @ApiOperation({ summary: 'Open the case a concern’s decision asked for (level 1, or 2/3 with the other services)' })
  @ApiCreatedResponse({ type: CaseResponseDto })
  async open(@CurrentContext() ctx: RequestContext, @Body() body: OpenCaseDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.cases.open(ctx, body));
  }

  @Get()
  @Authorize('read', 'Case')
  @RateLimited('list')
  @ApiOperation({ summary: 'My cases: every case a unit of mine takes part in, a page at a time (Link rel="next")' })
  @ApiOkResponse({ type: [CaseSummaryResponseDto] })
  async list(
    @CurrentContext() ctx: RequestContext,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(req, res, await this.cases.list(ctx, query));
  }

  @Get(':id')
  @Authorize('read', 'Case')
  @ApiOperation({ summary: 'One case: level and history, team, baton, plan, meetings, log and my unit’s private notes' })
  @ApiOkResponse({ type: CaseResponseDto })
  @ApiNotFoundResponse()
  async get(@CurrentContext() ctx: RequestContext, @Param() params: CaseIdParams, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.cases.get(ctx, params.id));
  }

  @Post(':id/level')
  @HttpCode(200)
  @Authorize('update', 'Case')
  @ApiOperation({ summary: 'Change the level (escalate or de-escalate) as a decision, with the services joining or leaving' })
  @ApiIfMatch('the case (its ETag)')
  @ApiOkResponse({ type: CaseResponseDto })
  async changeLevel(
    @CurrentContext() ctx: RequestContext,
    @Param() params: CaseIdParams,
    @Body() body: ChangeLevelDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.cases.changeLevel(ctx, params.id, body, version));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Authorize('update', 'Case')
  @ApiOperation({ summary: 'Close the case with a reason; a closed case is read-only' })
  @ApiIfMatch('the case (its ETag)')
  @ApiOkResponse({ type: CaseResponseDto })
  async close(
    @CurrentContext() ctx: RequestContext,
    @Param() params: CaseIdParams,
    @Body() body: CloseCaseDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.cases.close(ctx, params.id, body, version));
  }

  @Post(':id/reopen')
  @HttpCode(200)
  @Authorize('update', 'Case')
  @ApiOperation({ summary: 'Reopen a closed case, as a decision with a reason' })
  @ApiIfMatch('the case (its ETag)')
  @ApiOkResponse({ type: CaseResponseDto })
  async reopen(
    @CurrentContext() ctx: RequestContext,
    @Param() params: CaseIdParams,
    @Body() body: ReasonDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.cases.reopen(ctx, params.id, body.reason, version));
  }
}
