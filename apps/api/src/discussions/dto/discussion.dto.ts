import { ApiProperty } from '@nestjs/swagger';
import { CONCERN_CATEGORIES } from '@stafett/domain';
import type { ConcernCategory } from '@stafett/domain';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { NoIdentifyingText } from './no-identifying-text';

/** Ages are given as a band, never as an exact age or a birth date. */
export const AGE_BANDS = ['0-2', '3-5', '6-9', '10-12', '13-15', '16-18'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/**
 * Deliberately without fields for name, birth date, identity number or address: the global
 * ValidationPipe (forbidNonWhitelisted) refuses such fields with a 400 naming them.
 */
export class CreateDiscussionDto {
  @ApiProperty({ format: 'uuid', description: 'The unit you discuss from; one of yours' })
  @IsUUID('all')
  authorUnitId!: string;

  @ApiProperty({ minLength: 3, maxLength: 200, description: 'No names, dates or identity numbers' })
  @IsString()
  @Length(3, 200)
  @Matches(/\S/, { message: 'topic must not be blank' })
  @NoIdentifyingText()
  topic!: string;

  @ApiProperty({ minLength: 1, maxLength: 5000, description: 'No names, dates or identity numbers' })
  @IsString()
  @Length(1, 5000)
  @Matches(/\S/, { message: 'description must not be blank' })
  @NoIdentifyingText()
  description!: string;

  @ApiProperty({ required: false, nullable: true, enum: AGE_BANDS, description: 'An age band instead of an age' })
  @IsOptional()
  @IsIn(AGE_BANDS, { message: `ageBand must be one of the bands ${AGE_BANDS.join(', ')}` })
  ageBand?: AgeBand | null;

  @ApiProperty({ enum: CONCERN_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMaxSize(CONCERN_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(CONCERN_CATEGORIES, { each: true })
  categories!: ConcernCategory[];

  @ApiProperty({ description: 'The text names a class or group' })
  @IsBoolean()
  namesGroup!: boolean;

  @ApiProperty({ description: 'The text names a diagnosis or a rare condition' })
  @IsBoolean()
  namesDiagnosis!: boolean;

  @ApiProperty({
    type: String,
    format: 'uuid',
    isArray: true,
    minItems: 1,
    maxItems: 10,
    description: 'Units of your municipality in other services than your unit’s, invited to advise',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true, message: 'each of invitedUnitIds must be a UUID' })
  invitedUnitIds!: string[];

  @ApiProperty({
    required: false,
    format: 'uuid',
    description: 'Your own concern (or one you lead) in the same unit; shown only to staff of that unit',
  })
  @IsOptional()
  @IsUUID('all')
  linkedConcernId?: string;
}

export class DiscussionAdviceInputDto {
  @ApiProperty({ minLength: 1, maxLength: 5000, description: 'No names, dates or identity numbers' })
  @IsString()
  @Length(1, 5000)
  @Matches(/\S/, { message: 'text must not be blank' })
  @NoIdentifyingText()
  text!: string;
}

export class DiscussionIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class DiscussionUnitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}

export class DiscussionAdviceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() authorDisplayName!: string;
  @ApiProperty() unitName!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class DiscussionSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() topic!: string;
  @ApiProperty() authorDisplayName!: string;
  @ApiProperty() authorUnitName!: string;
  @ApiProperty() isAuthor!: boolean;
  @ApiProperty({ nullable: true, enum: AGE_BANDS }) ageBand!: AgeBand | null;
  @ApiProperty({ enum: CONCERN_CATEGORIES, isArray: true }) categories!: ConcernCategory[];
  @ApiProperty({ description: 'The details could narrow the group below five children; the author was warned' })
  identifiabilityWarning!: boolean;
  @ApiProperty({ enum: ['open', 'closed'] }) status!: 'open' | 'closed';
  @ApiProperty() adviceCount!: number;
  @ApiProperty({ type: String, format: 'date-time' }) createdAt!: Date;
}

export class DiscussionResponseDto extends DiscussionSummaryDto {
  @ApiProperty() description!: string;
  @ApiProperty({ type: [DiscussionUnitDto] }) invitedUnits!: DiscussionUnitDto[];
  @ApiProperty({ type: [DiscussionAdviceDto] }) advice!: DiscussionAdviceDto[];

  @ApiProperty({
    nullable: true,
    type: String,
    format: 'uuid',
    description: 'The author’s own concern; given only to staff of the author’s unit, null for everyone else',
  })
  linkedConcernId!: string | null;

  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Rough number of children the details fit; given only in the answer to creating the discussion',
  })
  estimatedMatchingChildren!: number | null;

  @ApiProperty({ description: 'Sent as the ETag; send it back as If-Match to close the discussion' })
  version!: number;
}
