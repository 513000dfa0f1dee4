import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';

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

  @ApiProperty({ required: false, type: [Number] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(90, { each: true })
  consentReminderDays?: number[];
}

export class CreateUnitDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  serviceId!: string;

  @ApiProperty({ example: 'Vestli barnehage' })
  @IsString()
  @Length(2, 120)
  name!: string;
}

export class UpdateUnitDto {
  @ApiProperty()
  @IsString()
  @Length(2, 120)
  name!: string;
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
  @ApiProperty({ description: 'Sent as the ETag; send it back as If-Match to rename the unit' }) version!: number;
}

export class SettingsResponseDto {
  @ApiProperty() concernDecisionDays!: number;
  @ApiProperty() youthConsentAge!: number;
  @ApiProperty() guardiansSignForYouth!: boolean;
  @ApiProperty() consentDefaultMonths!: number;
  @ApiProperty({ type: [Number] }) consentReminderDays!: number[];
}
