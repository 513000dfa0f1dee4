import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { ApiIfMatch, RequiredIfMatch, withEtag } from '../http/if-match';
import { IdempotentCreate, replayThrough } from '../http/idempotency';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import {
  CreateRoleAssignmentDto,
  CreateStaffUserDto,
  EndRoleAssignmentDto,
  RoleAssignmentParams,
  RoleAssignmentResponseDto,
  UpdateUserDto,
  UserIdParams,
  UserResponseDto,
} from './dto/user-response.dto';
import { UsersService } from './users.service';

// Role assignments are part of managing users: the same rule ('manage', 'User').
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

  @Post()
  @Authorize('manage', 'User')
  @IdempotentCreate(replayThrough('user', UsersService, (users, ctx, id) => users.user(ctx, id)))
  @ApiOperation({ summary: 'Invite a staff user by e-mail and/or UPN; their first sign-in binds them to the identity provider' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiConflictResponse({ description: 'Another user of the municipality has this e-mail or UPN' })
  async create(@CurrentContext() ctx: RequestContext, @Body() body: CreateStaffUserDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.users.create(ctx, body));
  }

  @Get(':id')
  @Authorize('manage', 'User')
  @ApiOperation({ summary: 'One user of the municipality, with their roles and version' })
  @ApiOkResponse({ type: UserResponseDto })
  @ApiNotFoundResponse({ description: 'No such user in this municipality' })
  async user(@CurrentContext() ctx: RequestContext, @Param() params: UserIdParams, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.users.user(ctx, params.id));
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

  @Get(':id/roles')
  @Authorize('manage', 'User')
  @ApiOperation({ summary: 'A user’s role assignments, past, current and future, with their dates' })
  @ApiOkResponse({ type: [RoleAssignmentResponseDto] })
  @ApiNotFoundResponse({ description: 'No such user in this municipality' })
  roles(@CurrentContext() ctx: RequestContext, @Param() params: UserIdParams) {
    return this.users.roles(ctx, params.id);
  }

  @Post(':id/roles')
  @Authorize('manage', 'User')
  @IdempotentCreate(replayThrough('role_assignment', UsersService, (users, ctx, id) => users.role(ctx, id)))
  @ApiOperation({ summary: 'Give a staff user a role (in a unit for staff and unit_leader) from a day, optionally to a last day' })
  @ApiOkResponse({ type: RoleAssignmentResponseDto })
  @ApiNotFoundResponse({ description: 'No such user in this municipality' })
  @ApiConflictResponse({ description: 'The same role in the same unit overlaps these days' })
  async addRole(
    @CurrentContext() ctx: RequestContext,
    @Param() params: UserIdParams,
    @Body() body: CreateRoleAssignmentDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.users.addRole(ctx, params.id, body));
  }

  @Post(':id/roles/:roleId/end')
  @HttpCode(200)
  @Authorize('manage', 'User')
  @ApiOperation({ summary: 'End a role assignment now (or on a later last day); it stops giving access on the next request' })
  @ApiIfMatch('the role assignment (`version`)')
  @ApiOkResponse({ type: RoleAssignmentResponseDto })
  @ApiNotFoundResponse({ description: 'No such role assignment of this user in this municipality' })
  @ApiConflictResponse({ description: 'The role assignment has ended already' })
  async endRole(
    @CurrentContext() ctx: RequestContext,
    @Param() params: RoleAssignmentParams,
    @Body() body: EndRoleAssignmentDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.users.endRole(ctx, params.id, params.roleId, body.validTo, version));
  }
}
