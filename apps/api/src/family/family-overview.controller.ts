import { Controller, ForbiddenException, Get } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { FamilyMunicipalityOverview, FamilyRole } from '@stafett/domain';
import { CurrentContext, SignedIn } from '../authorization/authorization.decorators';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CitizenMunicipalityDto } from '../auth/dto/citizen-users.dto';
import { CaseSummaryResponseDto } from '../cases/dto/case-response.dto';
import { RateLimited } from '../rate-limits/rate-limits.decorators';
import { FamilyOverviewService } from './family-overview.service';

export class FamilyMunicipalityOverviewDto extends CitizenMunicipalityDto implements FamilyMunicipalityOverview {
  @ApiProperty({ enum: ['guardian', 'youth'] }) familyRole!: FamilyRole;
  @ApiProperty({ type: [CaseSummaryResponseDto] }) cases!: CaseSummaryResponseDto[];
  @ApiProperty({ description: 'More cases than listed: switch to the municipality to page through them' }) more!: boolean;
}

@ApiTags('family')
@Controller('family/overview')
export class FamilyOverviewController {
  constructor(private readonly overview: FamilyOverviewService) {}

  @Get()
  @SignedIn('citizens only; each municipality’s list runs as the person’s own user there, under row-level security')
  @RateLimited('list')
  @ApiOperation({ summary: 'Family: the cases of my children (or my own) in every municipality where I am a citizen user' })
  @ApiOkResponse({ type: [FamilyMunicipalityOverviewDto] })
  @ApiForbiddenResponse({ description: 'Staff' })
  list(@CurrentContext() ctx: RequestContext): Promise<FamilyMunicipalityOverview[]> {
    if (ctx.principal.kind !== 'citizen') throw new ForbiddenException('The family overview is for citizens');
    return this.overview.overview(ctx);
  }
}
