import { ApiProperty } from '@nestjs/swagger';
import { CONFIDENTIALITY_REGIMES, SERVICE_KINDS } from '@stafett/domain';
import type { ConfidentialityRegime, ServiceKind } from '@stafett/domain';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';

/** Names are trimmed: " Vestli barnehage " and "Vestli barnehage" are the same unit to a reader. */
const trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

/** A partial change of the municipality's settings; only the fields sent change. */
export class UpdateSettingsDto {
  @ApiProperty({ required: false, minimum: 1, maximum: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(60)
  concernDecisionDays?: number;

  @ApiProperty({ required: false, enum: [15, 16] })
  @IsOptional()
  @IsIn([15, 16], { message: 'youthConsentAge must be 15 or 16' })
  youthConsentAge?: number;

  @ApiProperty({ required: false })
  @IsOptional()
  @IsBoolean()
  guardiansSignForYouth?: boolean;

  @ApiProperty({ required: false, minimum: 1, maximum: 36 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36)
  consentDefaultMonths?: number;

  @ApiProperty({ required: false, type: [Number], description: '1–5 distinct days, each 1–90, before a consent’s to-date' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique({ message: 'consentReminderDays must not name a day twice' })
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(90, { each: true })
  consentReminderDays?: number[];
}

const UNIT_CODE =
  'The code the enrolment files of the kindergarten and school systems name the unit by (e.g. its organisation number); unique in the municipality';
const UNIT_CODE_PATTERN = /^[A-Za-z0-9._-]{1,40}$/;

export class CreateUnitDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  serviceId!: string;

  @ApiProperty({ example: 'Vestli barnehage' })
  @trimmed()
  @IsString()
  @Length(2, 120)
  name!: string;

  @ApiProperty({ required: false, nullable: true, type: String, example: '974000123', description: UNIT_CODE })
  @IsOptional()
  @trimmed()
  @IsString()
  @Matches(UNIT_CODE_PATTERN, { message: 'code must be 1–40 letters, digits, dots, dashes or underscores' })
  code?: string | null;
}

/** Rename a unit, or set or clear its code: the fields sent change, the others stay. */
export class UpdateUnitDto {
  @ApiProperty({ required: false })
  @IsOptional()
  @trimmed()
  @IsString()
  @Length(2, 120)
  name?: string;

  @ApiProperty({ required: false, nullable: true, type: String, description: `${UNIT_CODE}; null clears it` })
  @IsOptional()
  @trimmed()
  @IsString()
  @Matches(UNIT_CODE_PATTERN, { message: 'code must be 1–40 letters, digits, dots, dashes or underscores' })
  code?: string | null;
}

export class CreateServiceDto {
  @ApiProperty({ enum: SERVICE_KINDS })
  @IsIn(SERVICE_KINDS, { message: `kind must be one of ${SERVICE_KINDS.join(', ')}` })
  kind!: ServiceKind;

  @ApiProperty({ example: 'Fjordvik familieteam' })
  @trimmed()
  @IsString()
  @Length(2, 120)
  name!: string;

  @ApiProperty({ enum: CONFIDENTIALITY_REGIMES, required: false, description: 'Defaults to the regime the kind falls under' })
  @IsOptional()
  @IsIn(CONFIDENTIALITY_REGIMES, { message: `regime must be one of ${CONFIDENTIALITY_REGIMES.join(', ')}` })
  regime?: ConfidentialityRegime;
}

/** Rename a service, or change its regime — the latter only while nothing was written under the old one. */
export class UpdateServiceDto {
  @ApiProperty({ required: false })
  @IsOptional()
  @trimmed()
  @IsString()
  @Length(2, 120)
  name?: string;

  @ApiProperty({ enum: CONFIDENTIALITY_REGIMES, required: false })
  @IsOptional()
  @IsIn(CONFIDENTIALITY_REGIMES, { message: `regime must be one of ${CONFIDENTIALITY_REGIMES.join(', ')}` })
  regime?: ConfidentialityRegime;
}

export class IdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class UnitIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class UnitResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) serviceId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String, description: UNIT_CODE }) code!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'The day it closed; null while open' }) closedOn!:
    string | null;
  @ApiProperty({ description: 'Sent as the ETag; send it back as If-Match to rename or close the unit' }) version!: number;
}

export class ServiceResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: SERVICE_KINDS }) kind!: ServiceKind;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CONFIDENTIALITY_REGIMES }) regime!: ConfidentialityRegime;
  @ApiProperty({ description: 'Sent as the ETag; send it back as If-Match to change the service' }) version!: number;
  @ApiProperty({ type: [UnitResponseDto] }) units!: UnitResponseDto[];
}

export class SettingsResponseDto {
  @ApiProperty() concernDecisionDays!: number;
  @ApiProperty() youthConsentAge!: number;
  @ApiProperty() guardiansSignForYouth!: boolean;
  @ApiProperty() consentDefaultMonths!: number;
  @ApiProperty({ type: [Number] }) consentReminderDays!: number[];
}
