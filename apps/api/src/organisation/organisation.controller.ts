import { Controller, Get, Param } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../authorization/authorization.decorators';
import { MunicipalitySummaryDto, OrganisationOverviewDto } from './dto/organisation-response.dto';
import { MunicipalityCodeParams } from './dto/municipality-code.params';
import { OrganisationService } from './organisation.service';

@ApiTags('organisation')
@Controller('municipalities')
export class OrganisationController {
  constructor(private readonly organisation: OrganisationService) {}

  @Get()
  @Public('municipality names and numbers are public facts')
  @ApiOperation({ summary: 'Municipalities served by this installation' })
  @ApiOkResponse({ type: [MunicipalitySummaryDto] })
  list() {
    return this.organisation.listMunicipalities();
  }

  @Get(':code/organisation')
  @Public('which services and units a municipality has is public information')
  @ApiOperation({ summary: "A municipality's services and units" })
  @ApiOkResponse({ type: OrganisationOverviewDto })
  @ApiNotFoundResponse({ description: 'No municipality with that number' })
  overview(@Param() params: MunicipalityCodeParams) {
    return this.organisation.overview(params.code);
  }
}
