import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import { PageQuery, sendPage } from '../http/paging';
import type { RequestContext } from '../authorization/authorization.decorators';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { ConcernsService } from './concerns.service';
import { ConcernDecisionDto, ConcernIdParams, ConcernResponseDto, ConcernStepsDto, CreateConcernDto } from './dto/concern.dto';
import { ApiIfMatch, RequiredIfMatch, withEtag } from '../http/if-match';
import { IdempotentCreate, replayThrough } from '../http/idempotency';

@ApiTags('concerns')
@Controller('concerns')
export class ConcernsController {
  constructor(private readonly concerns: ConcernsService) {}

  @Post()
  @Authorize('create', 'Concern')
  @IdempotentCreate(replayThrough('concern', ConcernsService, (concerns, ctx, id) => concerns.get(ctx, id)))
  @ApiOperation({ summary: 'Register a concern about a child in one of your units (level 0)' })
  @ApiOkResponse({ type: ConcernResponseDto })
  async create(@CurrentContext() ctx: RequestContext, @Body() body: CreateConcernDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.concerns.create(ctx, body));
  }

  @Get()
  @Authorize('read', 'Concern')
  @RateLimited('list')
  @ApiOperation({ summary: 'Concerns you may see: your own, your unit’s as leader, shared with your unit' })
  @ApiOkResponse({ type: [ConcernResponseDto] })
  async list(
    @CurrentContext() ctx: RequestContext,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(req, res, await this.concerns.list(ctx, query));
  }

  @Get(':id')
  @Authorize('read', 'Concern')
  @ApiOperation({ summary: 'One concern' })
  @ApiOkResponse({ type: ConcernResponseDto })
  @ApiNotFoundResponse()
  async get(@CurrentContext() ctx: RequestContext, @Param() params: ConcernIdParams, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.concerns.get(ctx, params.id));
  }

  @Patch(':id/steps')
  @Authorize('update', 'Concern')
  @ApiOperation({ summary: 'Record steps: talked with the child, with the guardians (or why not), shared with a colleague' })
  @ApiIfMatch('the concern')
  @ApiOkResponse({ type: ConcernResponseDto })
  async steps(
    @CurrentContext() ctx: RequestContext,
    @Param() params: ConcernIdParams,
    @Body() body: ConcernStepsDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.concerns.updateSteps(ctx, params.id, body, version));
  }

  @Post(':id/decision')
  @HttpCode(200)
  @Authorize('update', 'Concern')
  @ApiOperation({ summary: 'Decide: close (with reason), own service, collaboration (level 2/3) or report to child welfare' })
  @ApiIfMatch('the concern')
  @ApiOkResponse({ type: ConcernResponseDto })
  async decide(
    @CurrentContext() ctx: RequestContext,
    @Param() params: ConcernIdParams,
    @Body() body: ConcernDecisionDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.concerns.decide(ctx, params.id, body, version));
  }
}
