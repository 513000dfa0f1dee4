import { ApiProperty } from '@nestjs/swagger';
import { EVALUATION_DECISIONS, EVALUATION_EFFECTS, INFORMATION_CATEGORIES } from '@stafett/domain';
import type {
  EvaluationDecision,
  EvaluationEffect,
  EvaluationRequest,
  GoalRequest,
  InformationCategory,
  LogEntryRequest,
  MeasureRequest,
  PrivateNoteRequest,
} from '@stafett/domain';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CaseRefParams } from '../../cases/dto/case-requests.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => ({ message: `${field} must be a date (YYYY-MM-DD)` });

export class GoalDto implements GoalRequest {
  @ApiProperty({ required: false, enum: INFORMATION_CATEGORIES, description: 'What it is about; the case’s first category when left out' })
  @IsOptional()
  @IsIn(INFORMATION_CATEGORIES)
  category?: InformationCategory;
  @ApiProperty() @IsString() @Length(1, 2000) text!: string;
  @ApiProperty({ required: false }) @IsOptional() @IsBoolean() achieved?: boolean;
}

/** PATCH: every field optional; what is left out is kept. */
export class GoalChangeDto implements Partial<GoalRequest> {
  @ApiProperty({ required: false, enum: INFORMATION_CATEGORIES, description: 'What it is about; the case’s first category when left out' })
  @IsOptional()
  @IsIn(INFORMATION_CATEGORIES)
  category?: InformationCategory;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @Length(1, 2000) text?: string;
  @ApiProperty({ required: false }) @IsOptional() @IsBoolean() achieved?: boolean;
}

export class MeasureDto implements MeasureRequest {
  @ApiProperty({ required: false, enum: INFORMATION_CATEGORIES, description: 'What it is about; the case’s first category when left out' })
  @IsOptional()
  @IsIn(INFORMATION_CATEGORIES)
  category?: InformationCategory;
  @ApiProperty({ required: false, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'goalId must be a UUID' })
  goalId?: string | null;
  @ApiProperty() @IsString() @Length(1, 2000) description!: string;
  @ApiProperty({ format: 'uuid', description: 'The participant (unit) responsible' })
  @IsUUID('all', { message: 'responsibleParticipantId must be a UUID' })
  responsibleParticipantId!: string;
  @ApiProperty({ format: 'date' })
  @IsISO8601({ strict: true }, dateMessage('evaluationDueOn'))
  @Matches(DATE, dateMessage('evaluationDueOn'))
  evaluationDueOn!: string;
}

export class MeasureChangeDto implements Partial<MeasureRequest> {
  @ApiProperty({ required: false, enum: INFORMATION_CATEGORIES, description: 'What it is about; the case’s first category when left out' })
  @IsOptional()
  @IsIn(INFORMATION_CATEGORIES)
  category?: InformationCategory;
  @ApiProperty({ required: false, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'goalId must be a UUID' })
  goalId?: string | null;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @Length(1, 2000) description?: string;
  @ApiProperty({ required: false, format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'responsibleParticipantId must be a UUID' })
  responsibleParticipantId?: string;
  @ApiProperty({ required: false, format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true }, dateMessage('evaluationDueOn'))
  @Matches(DATE, dateMessage('evaluationDueOn'))
  evaluationDueOn?: string;
}

export class EvaluationDto implements EvaluationRequest {
  @ApiProperty({ format: 'date' })
  @IsISO8601({ strict: true }, dateMessage('evaluatedOn'))
  @Matches(DATE, dateMessage('evaluatedOn'))
  evaluatedOn!: string;
  @ApiProperty({ enum: EVALUATION_EFFECTS }) @IsIn(EVALUATION_EFFECTS) effect!: EvaluationEffect;
  @ApiProperty({ description: 'The child’s own view of the measure (or why it could not be heard)' })
  @IsString()
  @Length(1, 2000)
  childView!: string;
  @ApiProperty({ enum: EVALUATION_DECISIONS }) @IsIn(EVALUATION_DECISIONS) decision!: EvaluationDecision;
  @ApiProperty({ required: false, nullable: true }) @IsOptional() @IsString() @Length(1, 2000) note?: string | null;
  @ApiProperty({ required: false, nullable: true, format: 'date', description: 'Required unless the decision is stop' })
  @IsOptional()
  @IsISO8601({ strict: true }, dateMessage('nextEvaluationDueOn'))
  @Matches(DATE, dateMessage('nextEvaluationDueOn'))
  nextEvaluationDueOn?: string | null;
}

export class LogEntryDto implements LogEntryRequest {
  @ApiProperty({ required: false, enum: INFORMATION_CATEGORIES, description: 'What it is about; the case’s first category when left out' })
  @IsOptional()
  @IsIn(INFORMATION_CATEGORIES)
  category?: InformationCategory;
  @ApiProperty({ description: 'A short entry in the shared log' }) @IsString() @Length(1, 1000) text!: string;
  @ApiProperty({
    required: false,
    description: 'Required (true) when you write from a health-regime unit: your note is shared with the team only by your own choice',
  })
  @IsOptional()
  @IsBoolean({ message: 'shareHealthInformation must be true or false' })
  shareHealthInformation?: boolean;
}

export class PrivateNoteDto implements PrivateNoteRequest {
  @ApiProperty({ format: 'uuid', description: 'Your unit taking part; only its staff will see the note' })
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId!: string;
  @ApiProperty() @IsString() @Length(1, 4000) text!: string;
}

export class GoalParams extends CaseRefParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'goalId must be a UUID' }) goalId!: string;
}

export class MeasureParams extends CaseRefParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'measureId must be a UUID' }) measureId!: string;
}

export class LogEntryParams extends CaseRefParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'entryId must be a UUID' }) entryId!: string;
}
