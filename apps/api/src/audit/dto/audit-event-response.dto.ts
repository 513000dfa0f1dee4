import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

export class AuditEventQuery {
  @ApiProperty({ required: false, default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiProperty({ required: false, format: 'uuid', description: 'Only events about this child' })
  @IsOptional()
  @IsUUID('all')
  childId?: string;

  @ApiProperty({ required: false, enum: ['success', 'denied', 'failure'], description: 'Only events with this outcome (denied: refusals)' })
  @IsOptional()
  @IsIn(['success', 'denied', 'failure'])
  outcome?: 'success' | 'denied' | 'failure';

  @ApiProperty({ required: false, format: 'uuid', description: 'Only events by this person' })
  @IsOptional()
  @IsUUID('all')
  actorUserId?: string;
}

/** One access-log line: who, when, in which role, on what basis — never content. */
export class AuditEventResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ nullable: true, type: String }) actorDisplayName!: string | null;
  @ApiProperty({ nullable: true, type: String }) actorRole!: string | null;
  @ApiProperty() action!: string;
  @ApiProperty() recordType!: string;
  @ApiProperty({ nullable: true, type: String, description: 'The record acted on or asked for' }) recordId!: string | null;
  @ApiProperty({ nullable: true, type: String }) category!: string | null;
  @ApiProperty({ nullable: true, type: String }) basis!: string | null;
  @ApiProperty() outcome!: string;
}
