import type { Request, Response } from 'express';
import { Body, Controller, Get, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { IdempotentCreate, replayThrough } from '../http/idempotency';
import { AddGuardianDto } from './dto/add-guardian.dto';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import { PageQuery, sendPage } from '../http/paging';
import type { RequestContext } from '../authorization/authorization.decorators';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { ChildrenService } from './children.service';
import { ChildIdParams } from './dto/child-id.params';
import { ChildResponseDto } from './dto/child-response.dto';

@ApiTags('children')
@Controller('children')
export class ChildrenController {
  constructor(private readonly children: ChildrenService) {}

  @Get()
  @Authorize('read', 'Child')
  @RateLimited('list')
  @ApiOperation({ summary: 'Children the caller may see: of their units (staff), their own (guardian), themself (youth)' })
  @ApiOkResponse({ type: [ChildResponseDto] })
  async list(
    @CurrentContext() ctx: RequestContext,
    @Query() query: PageQuery,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendPage(req, res, await this.children.list(ctx, query));
  }

  @Get(':id')
  @Authorize('read', 'Child')
  @ApiOperation({ summary: 'One child, if in the caller’s scope' })
  @ApiOkResponse({ type: ChildResponseDto })
  @ApiNotFoundResponse({ description: 'No such child, or not in the caller’s scope' })
  get(@CurrentContext() ctx: RequestContext, @Param() params: ChildIdParams) {
    return this.children.get(ctx, params.id);
  }

  @Post(':id/guardians')
  @Authorize('create', 'Guardianship')
  @IdempotentCreate(replayThrough('child', ChildrenService, (children, ctx, id) => children.get(ctx, id)), { etag: false })
  @ApiOperation({
    summary:
      'Register by hand a guardian the registers lack, on a child the caller can see; unverified until a register import confirms it',
  })
  @ApiCreatedResponse({ type: ChildResponseDto, description: 'The child, with its guardians' })
  @ApiNotFoundResponse({ description: 'No such child, or not in the caller’s scope' })
  @ApiConflictResponse({ description: 'Already a guardian of the child' })
  addGuardian(@CurrentContext() ctx: RequestContext, @Param() params: ChildIdParams, @Body() body: AddGuardianDto) {
    return this.children.addGuardian(ctx, params.id, body);
  }
}
