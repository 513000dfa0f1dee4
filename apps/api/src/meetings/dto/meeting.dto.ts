import { ApiProperty } from '@nestjs/swagger';
import { INFORMATION_CATEGORIES } from '@stafett/domain';
import type { InformationCategory, MeetingRequest } from '@stafett/domain';
import { ArrayMaxSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { CaseRefParams } from '../../cases/dto/case-requests.dto';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class MeetingDto implements MeetingRequest {
  @ApiProperty({ required: false, enum: INFORMATION_CATEGORIES, description: 'What it is about; the case’s first category when left out' })
  @IsOptional()
  @IsIn(INFORMATION_CATEGORIES)
  category?: InformationCategory;
  @ApiProperty({ format: 'date-time' })
  @IsISO8601({ strict: true }, { message: 'meetingAt must be a date and time (ISO 8601)' })
  meetingAt!: string;
  @ApiProperty({ required: false, type: [String], description: 'Participants (units) of the case who attend' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'attendeeParticipantIds must be participant ids' })
  attendeeParticipantIds?: string[];
  @ApiProperty({ required: false, nullable: true, description: 'Others present, e.g. the guardians and the child' })
  @IsOptional()
  @IsString()
  @Length(1, 500)
  otherAttendees?: string | null;
  @ApiProperty() @IsString() @Length(1, 4000) agenda!: string;
  @ApiProperty({ required: false, nullable: true }) @IsOptional() @IsString() @Length(1, 4000) decisions?: string | null;
  @ApiProperty({ required: false, nullable: true, format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'nextMeetingOn must be a date (YYYY-MM-DD)' })
  nextMeetingOn?: string | null;
}

export class MeetingChangeDto implements Partial<MeetingRequest> {
  @ApiProperty({ required: false, enum: INFORMATION_CATEGORIES, description: 'What it is about; the case’s first category when left out' })
  @IsOptional()
  @IsIn(INFORMATION_CATEGORIES)
  category?: InformationCategory;
  @ApiProperty({ required: false, format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'meetingAt must be a date and time (ISO 8601)' })
  meetingAt?: string;
  @ApiProperty({ required: false, type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'attendeeParticipantIds must be participant ids' })
  attendeeParticipantIds?: string[];
  @ApiProperty({ required: false, nullable: true }) @IsOptional() @IsString() @Length(1, 500) otherAttendees?: string | null;
  @ApiProperty({ required: false }) @IsOptional() @IsString() @Length(1, 4000) agenda?: string;
  @ApiProperty({ required: false, nullable: true }) @IsOptional() @IsString() @Length(1, 4000) decisions?: string | null;
  @ApiProperty({ required: false, nullable: true, format: 'date' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'nextMeetingOn must be a date (YYYY-MM-DD)' })
  nextMeetingOn?: string | null;
}

export class MeetingParams extends CaseRefParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'meetingId must be a UUID' }) meetingId!: string;
}
