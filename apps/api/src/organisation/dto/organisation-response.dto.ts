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

class ConsentPolicyDto {
  @ApiProperty({ example: 12, description: 'Default length of a consent, in months' }) consentDefaultMonths!: number;
  @ApiProperty({ example: 16, description: 'Age from which a youth consents for themself' }) youthConsentAge!: number;
  @ApiProperty({ description: 'Whether guardians also sign while the youth consents for themself' }) guardiansSignForYouth!: boolean;
}

export class OrganisationOverviewDto implements OrganisationOverview {
  @ApiProperty({ type: MunicipalitySummaryDto }) municipality!: MunicipalitySummaryDto;
  @ApiProperty({ type: ConsentPolicyDto }) consentPolicy!: ConsentPolicyDto;
  @ApiProperty({ type: [ServiceSummaryDto] }) services!: ServiceSummaryDto[];
}
