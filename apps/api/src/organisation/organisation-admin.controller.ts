import { Body, Controller, Get, HttpCode, Param, Patch, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import {
  CreateServiceDto,
  CreateUnitDto,
  IdParams,
  ServiceResponseDto,
  SettingsResponseDto,
  UnitIdParams,
  UnitResponseDto,
  UpdateServiceDto,
  UpdateSettingsDto,
  UpdateUnitDto,
} from './dto/admin.dto';
import { ApiIfMatch, RequiredIfMatch, withEtag, withVersion } from '../http/if-match';
import { IdempotentCreate, replayThrough } from '../http/idempotency';
import { OrganisationAdminService } from './organisation-admin.service';

@ApiTags('administration')
@Controller('admin')
export class OrganisationAdminController {
  constructor(private readonly admin: OrganisationAdminService) {}

  @Get('settings')
  @Authorize('manage', 'MunicipalitySettings')
  @ApiOperation({ summary: 'The municipality’s settings (deadlines, consent age, consent length)' })
  @ApiOkResponse({ type: SettingsResponseDto })
  async settings(@CurrentContext() ctx: RequestContext, @Res({ passthrough: true }) res: Response) {
    const { settings, version } = await this.admin.settings(ctx);
    return withVersion(res, version, settings);
  }

  @Patch('settings')
  @Authorize('manage', 'MunicipalitySettings')
  @ApiOperation({ summary: 'Change some of the municipality’s settings' })
  @ApiIfMatch('the settings (the ETag of GET /api/admin/settings)')
  @ApiOkResponse({ type: SettingsResponseDto })
  async updateSettings(
    @CurrentContext() ctx: RequestContext,
    @Body() body: UpdateSettingsDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    const changed = await this.admin.updateSettings(ctx, body, version);
    return withVersion(res, changed.version, changed.settings);
  }

  @Post('units')
  @Authorize('manage', 'Unit')
  @IdempotentCreate(replayThrough('unit', OrganisationAdminService, (admin, ctx, id) => admin.unit(ctx, id)))
  @ApiOperation({ summary: 'Create a unit in one of the municipality’s services' })
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiNotFoundResponse({ description: 'No such service in this municipality' })
  async createUnit(@CurrentContext() ctx: RequestContext, @Body() body: CreateUnitDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.admin.createUnit(ctx, body));
  }

  @Get('units/:id')
  @Authorize('manage', 'Unit')
  @ApiOperation({ summary: 'One unit of the municipality, with its version' })
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiNotFoundResponse({ description: 'No such unit in this municipality' })
  async unit(@CurrentContext() ctx: RequestContext, @Param() params: UnitIdParams, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.admin.unit(ctx, params.id));
  }

  @Patch('units/:id')
  @Authorize('manage', 'Unit')
  @ApiOperation({ summary: 'Rename a unit, or set or clear its code' })
  @ApiIfMatch('the unit')
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiNotFoundResponse({ description: 'No such unit in this municipality' })
  async renameUnit(
    @CurrentContext() ctx: RequestContext,
    @Param() params: UnitIdParams,
    @Body() body: UpdateUnitDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.admin.updateUnit(ctx, params.id, body, version));
  }

  @Post('units/:id/close')
  @HttpCode(200)
  @Authorize('manage', 'Unit')
  @ApiOperation({ summary: 'Close a unit today: no new concerns, enrolments or roles; the roles held in it end' })
  @ApiIfMatch('the unit')
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiNotFoundResponse({ description: 'No such unit in this municipality' })
  @ApiConflictResponse({ description: 'The unit is closed already' })
  async closeUnit(
    @CurrentContext() ctx: RequestContext,
    @Param() params: UnitIdParams,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.admin.closeUnit(ctx, params.id, version));
  }

  // Services are part of the organisation an administrator manages, as units are: the same rule ('manage', 'Unit').
  @Get('services')
  @Authorize('manage', 'Unit')
  @ApiOperation({ summary: 'The municipality’s services with their units (open and closed)' })
  @ApiOkResponse({ type: [ServiceResponseDto] })
  services(@CurrentContext() ctx: RequestContext) {
    return this.admin.services(ctx);
  }

  @Post('services')
  @Authorize('manage', 'Unit')
  @IdempotentCreate(replayThrough('service', OrganisationAdminService, (admin, ctx, id) => admin.service(ctx, id)))
  @ApiOperation({ summary: 'Create a service; its regime defaults to the one its kind falls under' })
  @ApiOkResponse({ type: ServiceResponseDto })
  async createService(@CurrentContext() ctx: RequestContext, @Body() body: CreateServiceDto, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.admin.createService(ctx, body));
  }

  @Get('services/:id')
  @Authorize('manage', 'Unit')
  @ApiOperation({ summary: 'One service of the municipality with its units and its version' })
  @ApiOkResponse({ type: ServiceResponseDto })
  @ApiNotFoundResponse({ description: 'No such service in this municipality' })
  async service(@CurrentContext() ctx: RequestContext, @Param() params: IdParams, @Res({ passthrough: true }) res: Response) {
    return withEtag(res, await this.admin.service(ctx, params.id));
  }

  @Patch('services/:id')
  @Authorize('manage', 'Unit')
  @ApiOperation({ summary: 'Rename a service or change its regime (only while nothing was written under it)' })
  @ApiIfMatch('the service')
  @ApiOkResponse({ type: ServiceResponseDto })
  @ApiNotFoundResponse({ description: 'No such service in this municipality' })
  @ApiConflictResponse({ description: 'The regime cannot change: the service’s units hold records written under it' })
  async updateService(
    @CurrentContext() ctx: RequestContext,
    @Param() params: IdParams,
    @Body() body: UpdateServiceDto,
    @RequiredIfMatch() version: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return withEtag(res, await this.admin.updateService(ctx, params.id, body, version));
  }
}
