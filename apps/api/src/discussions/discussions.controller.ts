import type { Request, Response } from 'express';
import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import { PageQuery, sendPage } from '../http/paging';
import type { RequestContext } from '../authorization/authorization.decorators';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { ApiIfMatch, RequiredIfMatch, withEtag } from '../http/if-match';
import { IdempotentCreate, replayThrough } from '../http/idempotency';
import { DiscussionsService } from './discussions.service';

/** A discussion is read again as `GET /api/anonymous-discussions/{id}` reads it (the created answer's estimate is not repeated). */
const DISCUSSION_REPLAY = replayThrough('anonymous_discussion', DiscussionsService, (discussions, ctx, id) => discussions.get(ctx, id));
import {
  CreateDiscussionDto,
  DiscussionAdviceInputDto,
  DiscussionIdParams,
  DiscussionResponseDto,
  DiscussionSummaryDto,
} from './dto/discussion.dto';

@ApiTags('anonymous discussions')
@Controller('anonymous-discussions')
export class DiscussionsController {
  constructor(private readonly discussions: DiscussionsService) {}

  @Post()
  @Authorize('create', 'AnonymousDiscussion')
  @IdempotentCreate(DISCUSSION_REPLAY)
  @ApiOperation({
    summary: 'Ask other services for advice without identifying the child (no name, birth date, identity number or address)',
  })
  @ApiCreatedResponse({ type: DiscussionResponseDto })
  async create(@CurrentContext() ctx: RequestContext, @Body() body: CreateDiscussionDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.discussions.create(ctx, body));
  }

  @Get()
  @Authorize('read', 'AnonymousDiscussion')
  @RateLimited('list')
  @ApiOperation({ summary: 'Discussions you started, and those your unit is invited to' })
  @ApiOkResponse({ type: [DiscussionSummaryDto] })
  async list(
    @CurrentContext() ctx: RequestContext,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(req, res, await this.discussions.list(ctx, query));
  }

  @Get(':id')
  @Authorize('read', 'AnonymousDiscussion')
  @ApiOperation({ summary: 'One discussion with its advice' })
  @ApiOkResponse({ type: DiscussionResponseDto })
  @ApiNotFoundResponse()
  async get(@CurrentContext() ctx: RequestContext, @Param() params: DiscussionIdParams, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.discussions.get(ctx, params.id));
  }

  @Post(':id/advice')
  @HttpCode(201)
  @Authorize('update', 'AnonymousDiscussion')
  @IdempotentCreate(DISCUSSION_REPLAY)
  @ApiOperation({ summary: 'Give advice: the author, or staff of an invited unit' })
  @ApiCreatedResponse({ type: DiscussionResponseDto })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'The discussion is closed' })
  async advise(
    @CurrentContext() ctx: RequestContext,
    @Param() params: DiscussionIdParams,
    @Body() body: DiscussionAdviceInputDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.discussions.addAdvice(ctx, params.id, body));
  }

  @Post(':id/close')
  @HttpCode(200)
  @Authorize('update', 'AnonymousDiscussion')
  @ApiOperation({ summary: 'Close the discussion (the author only)' })
  @ApiIfMatch('the discussion')
  @ApiOkResponse({ type: DiscussionResponseDto })
  @ApiForbiddenResponse({ description: 'Invited advisers do not close a discussion' })
  @ApiNotFoundResponse()
  @ApiConflictResponse({ description: 'Already closed' })
  async close(
    @CurrentContext() ctx: RequestContext,
    @Param() params: DiscussionIdParams,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.discussions.close(ctx, params.id, version));
  }
}
