import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
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
  list(@CurrentContext() ctx: RequestContext) {
    return this.children.list(ctx);
  }

  @Get(':id')
  @Authorize('read', 'Child')
  @ApiOperation({ summary: 'One child, if in the caller’s scope' })
  @ApiOkResponse({ type: ChildResponseDto })
  @ApiNotFoundResponse({ description: 'No such child, or not in the caller’s scope' })
  get(@CurrentContext() ctx: RequestContext, @Param() params: ChildIdParams) {
    return this.children.get(ctx, params.id);
  }
}
