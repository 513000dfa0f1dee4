import { ApiProperty } from '@nestjs/swagger';
import { CONCERN_CATEGORIES, CONCERN_DECISIONS } from '@stafett/domain';
import type { ConcernCategory, ConcernDecision } from '@stafett/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { IsNationalId } from '../../children/dto/is-national-id';

/** A child not yet registered: name and birth date; identity number optional, checked when given. */
export class NewChildDto {
  @ApiProperty() @IsString() @Length(1, 100) givenName!: string;
  @ApiProperty() @IsString() @Length(1, 100) familyName!: string;
  @ApiProperty({ format: 'date' }) @IsISO8601({ strict: true }) @Matches(/^\d{4}-\d{2}-\d{2}$/) birthDate!: string;
  @ApiProperty({ required: false, description: '11 digits, both mod-11 check digits valid' })
  @IsOptional()
  @IsNationalId()
  nationalId?: string;
}

export class CreateConcernDto {
  @ApiProperty({ format: 'uuid', description: 'The unit the concern is registered in; one of the author’s' })
  @IsUUID('all')
  unitId!: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'A child of the unit; or give newChild' })
  @ValidateIf((o: CreateConcernDto) => !o.newChild)
  @IsUUID('all', { message: 'childId must be a UUID (or give newChild)' })
  childId?: string;

  @ApiProperty({ required: false, type: NewChildDto })
  @ValidateIf((o: CreateConcernDto) => !o.childId)
  @ValidateNested()
  @Type(() => NewChildDto)
  newChild?: NewChildDto;

  @ApiProperty({ format: 'date', description: 'When the worry arose' })
  @IsISO8601({ strict: true })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'aroseOn must be a date (YYYY-MM-DD)' })
  aroseOn!: string;

  @ApiProperty({ example: 'pedagogisk leder' }) @IsString() @Length(1, 200) observedBy!: string;
  @ApiProperty() @IsString() @Length(1, 5000) description!: string;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @Length(0, 2000) childWords?: string;

  @ApiProperty({ enum: CONCERN_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(CONCERN_CATEGORIES.length)
  @IsIn(CONCERN_CATEGORIES, { each: true })
  categories!: ConcernCategory[];
}

export class ConcernStepsDto {
  @ApiProperty({ required: false, nullable: true, format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  talkedWithChildOn?: string | null;

  @ApiProperty({ required: false, nullable: true, format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  talkedWithGuardiansOn?: string | null;

  @ApiProperty({ required: false, nullable: true, description: 'Why the guardians were not talked with' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  guardiansNotTalkedReason?: string | null;

  @ApiProperty({ required: false, nullable: true, format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  sharedWithColleagueOn?: string | null;

  @ApiProperty({ required: false, description: 'Share with colleagues of the unit (leaders always see it)' })
  @IsOptional()
  @IsBoolean()
  sharedWithUnit?: boolean;
}

export class ConcernDecisionDto {
  @ApiProperty({ enum: CONCERN_DECISIONS }) @IsIn(CONCERN_DECISIONS) decision!: ConcernDecision;
  @ApiProperty({ required: false, nullable: true }) @IsOptional() @IsString() @Length(0, 2000) reason?: string | null;
  @ApiProperty({ required: false, nullable: true, enum: [2, 3] }) @IsOptional() @IsIn([2, 3]) level?: number | null;
}

export class ConcernIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class ConcernResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) unitId!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() child!: { id: string; givenName: string; familyName: string; birthDate: string };
  @ApiProperty() authorDisplayName!: string;
  @ApiProperty() isAuthor!: boolean;
  @ApiProperty({ format: 'date' }) aroseOn!: string;
  @ApiProperty() observedBy!: string;
  @ApiProperty() description!: string;
  @ApiProperty({ nullable: true, type: String }) childWords!: string | null;
  @ApiProperty({ enum: CONCERN_CATEGORIES, isArray: true }) categories!: ConcernCategory[];
  @ApiProperty({ nullable: true, type: String }) talkedWithChildOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) talkedWithGuardiansOn!: string | null;
  @ApiProperty({ nullable: true, type: String }) guardiansNotTalkedReason!: string | null;
  @ApiProperty({ nullable: true, type: String }) sharedWithColleagueOn!: string | null;
  @ApiProperty() sharedWithUnit!: boolean;
  @ApiProperty({ format: 'date' }) decisionDueOn!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ enum: ['open', 'decided'] }) status!: 'open' | 'decided';
  @ApiProperty({ nullable: true, enum: CONCERN_DECISIONS }) decision!: ConcernDecision | null;
  @ApiProperty({ nullable: true, type: String }) decisionReason!: string | null;
  @ApiProperty({ nullable: true, type: Number }) requestedCaseLevel!: number | null;
  @ApiProperty({ nullable: true, type: String, format: 'uuid', description: 'The case opened from this concern, if any' })
  caseId!: string | null;
  @ApiProperty() version!: number;
}
