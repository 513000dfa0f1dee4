import { Body, Controller, Get, Param, Patch, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { ApiIfMatch, RequiredIfMatch, withEtag } from '../http/if-match';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { UpdateUserDto, UserIdParams, UserResponseDto } from './dto/user-response.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@Controller('admin/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Authorize('manage', 'User')
  @RateLimited('list')
  @ApiOperation({ summary: 'Users of the administrator’s municipality' })
  @ApiOkResponse({ type: [UserResponseDto] })
  list(@CurrentContext() ctx: RequestContext) {
    return this.users.list(ctx);
  }

  @Patch(':id')
  @Authorize('manage', 'User')
  @ApiOperation({ summary: 'Enable or disable a user (takes effect on their next request)' })
  @ApiIfMatch('the user (`version` in the list)')
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse({ description: 'No such user in this municipality' })
  async update(
    @CurrentContext() ctx: RequestContext,
    @Param() params: UserIdParams,
    @Body() body: UpdateUserDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.users.setActive(ctx, params.id, body.active, version));
  }
}
