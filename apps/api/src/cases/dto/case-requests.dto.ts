import { ApiProperty } from '@nestjs/swagger';
import { CLOSURE_REASONS, PARTICIPANT_ROLES } from '@stafett/domain';
import type {
  CaseLevel,
  ChangeLevelRequest,
  CloseCaseRequest,
  ClosureReason,
  JoiningParticipantRequest,
  LeaveParticipantRequest,
  OpenCaseRequest,
  ParticipantRole,
  ReopenCaseRequest,
} from '@stafett/domain';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches, ValidateNested } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const dateMessage = (field: string) => ({ message: `${field} must be a date (YYYY-MM-DD)` });

export class JoiningParticipantDto implements JoiningParticipantRequest {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'unitId must be a UUID' }) unitId!: string;
  @ApiProperty({ enum: PARTICIPANT_ROLES }) @IsIn(PARTICIPANT_ROLES) role!: ParticipantRole;

  @ApiProperty({ required: false, type: [String], description: 'Named staff (contact persons) of the unit' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'staffUserIds must be UUIDs' })
  staffUserIds?: string[];

  @ApiProperty({ required: false, format: 'date', description: 'Start of the period; today when left out' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE, dateMessage('fromOn'))
  fromOn?: string;

  @ApiProperty({ required: false, nullable: true, format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE, dateMessage('toOn'))
  toOn?: string | null;
}

export class OpenCaseDto implements OpenCaseRequest {
  @ApiProperty({ format: 'uuid', description: 'A concern decided as own service (level 1) or collaboration (level 2/3)' })
  @IsUUID('all', { message: 'concernId must be a UUID' })
  concernId!: string;

  @ApiProperty({ required: false, type: [JoiningParticipantDto], description: 'For level 2/3: the units of the other services' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => JoiningParticipantDto)
  participants?: JoiningParticipantDto[];

  @ApiProperty({ required: false, description: 'Why the case is opened; the concern’s decision reason when left out' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  reason?: string;

  @ApiProperty({ required: false, description: 'The child’s own view' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  childView?: string;
}

export class ChangeLevelDto implements ChangeLevelRequest {
  @ApiProperty({ enum: [1, 2, 3] }) @IsIn([1, 2, 3], { message: 'toLevel must be 1, 2 or 3' }) toLevel!: CaseLevel;
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
  @ApiProperty({ required: false, nullable: true }) @IsOptional() @IsString() @Length(1, 2000) childView?: string | null;

  @ApiProperty({ required: false, nullable: true, format: 'uuid', description: 'The meeting the decision was taken in' })
  @IsOptional()
  @IsUUID('all', { message: 'meetingId must be a UUID' })
  meetingId?: string | null;

  @ApiProperty({ required: false, type: [JoiningParticipantDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => JoiningParticipantDto)
  joining?: JoiningParticipantDto[];

  @ApiProperty({ required: false, type: [String], description: 'Participant ids that leave' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'leaving must be participant ids' })
  leaving?: string[];
}

export class CloseCaseDto implements CloseCaseRequest {
  @ApiProperty({ enum: CLOSURE_REASONS }) @IsIn(CLOSURE_REASONS) reason!: ClosureReason;
  @ApiProperty({ required: false, nullable: true, description: 'Required when the reason is "other"' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  otherText?: string | null;
  @ApiProperty({ required: false, nullable: true }) @IsOptional() @IsString() @Length(1, 2000) childView?: string | null;
}

export class ReasonDto implements ReopenCaseRequest, LeaveParticipantRequest {
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}

export class CaseIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a UUID' }) id!: string;
}

export class CaseRefParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'caseId must be a UUID' }) caseId!: string;
}

export class ParticipantParams extends CaseRefParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'participantId must be a UUID' }) participantId!: string;
}
