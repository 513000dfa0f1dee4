import { ApiProperty } from '@nestjs/swagger';
import { CONFIDENTIALITY_REGIMES, SERVICE_KINDS } from '@stafett/domain';
import type { ConfidentialityRegime, OrganisationOverview, ServiceKind } from '@stafett/domain';

export class MunicipalitySummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: '9999' }) code!: string;
  @ApiProperty({ example: 'Fjordvik kommune' }) name!: string;
}

class UnitSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

class ServiceSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SERVICE_KINDS }) kind!: ServiceKind;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CONFIDENTIALITY_REGIMES }) regime!: ConfidentialityRegime;
  @ApiProperty({ type: [UnitSummaryDto] }) units!: UnitSummaryDto[];
}

export class OrganisationOverviewDto implements OrganisationOverview {
  @ApiProperty({ type: MunicipalitySummaryDto }) municipality!: MunicipalitySummaryDto;
  @ApiProperty({ type: [ServiceSummaryDto] }) services!: ServiceSummaryDto[];
}
