import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authorize, CurrentContext } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CreateUnitDto, SettingsResponseDto, UnitIdParams, UnitResponseDto, UpdateSettingsDto, UpdateUnitDto } from './dto/admin.dto';
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
  settings(@CurrentContext() ctx: RequestContext) {
    return this.admin.settings(ctx);
  }

  @Patch('settings')
  @Authorize('manage', 'MunicipalitySettings')
  @ApiOperation({ summary: 'Change some of the municipality’s settings' })
  @ApiOkResponse({ type: SettingsResponseDto })
  updateSettings(@CurrentContext() ctx: RequestContext, @Body() body: UpdateSettingsDto) {
    return this.admin.updateSettings(ctx, body);
  }

  @Post('units')
  @Authorize('manage', 'Unit')
  @IdempotentCreate(replayThrough('unit', OrganisationAdminService, (admin, ctx, id) => admin.unit(ctx, id)))
  @ApiOperation({ summary: 'Create a unit in one of the municipality’s services' })
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiNotFoundResponse({ description: 'No such service in this municipality' })
  createUnit(@CurrentContext() ctx: RequestContext, @Body() body: CreateUnitDto) {
    return this.admin.createUnit(ctx, body);
  }

  @Get('units/:id')
  @Authorize('manage', 'Unit')
  @ApiOperation({ summary: 'One unit of the municipality, with its version' })
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiNotFoundResponse({ description: 'No such unit in this municipality' })
  unit(@CurrentContext() ctx: RequestContext, @Param() params: UnitIdParams) {
    return this.admin.unit(ctx, params.id);
  }

  @Patch('units/:id')
  @Authorize('manage', 'Unit')
  @ApiOperation({ summary: 'Rename a unit' })
  @ApiOkResponse({ type: UnitResponseDto })
  @ApiNotFoundResponse({ description: 'No such unit in this municipality' })
  renameUnit(@CurrentContext() ctx: RequestContext, @Param() params: UnitIdParams, @Body() body: UpdateUnitDto) {
    return this.admin.renameUnit(ctx, params.id, body.name);
  }
}
