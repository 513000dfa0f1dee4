import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';

export class CreateReportDto {
  @ApiProperty({ format: 'uuid', description: 'The unit you report from; one of yours' })
  @IsUUID('all')
  reporterUnitId!: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'A child you may see; or give concernId' })
  @ValidateIf((o: CreateReportDto) => !o.concernId)
  @IsUUID('all', { message: 'childId must be a UUID (or give concernId)' })
  childId?: string;

  @ApiProperty({ required: false, format: 'uuid', description: 'The concern the report is filed from (yours, or your unit’s as leader)' })
  @ValidateIf((o: CreateReportDto) => !o.childId || o.concernId !== undefined)
  @IsUUID('all', { message: 'concernId must be a UUID (or give childId)' })
  concernId?: string;

  @ApiProperty({ description: 'What you have seen or heard, and why you are seriously concerned' })
  @IsString()
  @Length(10, 10000)
  content!: string;

  @ApiProperty({ required: false, description: 'The child may be in acute danger' })
  @IsOptional()
  @IsBoolean()
  urgent?: boolean;
}

export class ReportIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class ReportResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() child!: { id: string; givenName: string; familyName: string; birthDate: string };
  @ApiProperty() reporterDisplayName!: string;
  @ApiProperty() reporterUnitName!: string;
  @ApiProperty({ nullable: true, type: String }) concernId!: string | null;
  @ApiProperty() content!: string;
  @ApiProperty() urgent!: boolean;
  @ApiProperty({ format: 'date' }) submittedOn!: string;
  @ApiProperty({ format: 'date' }) reviewDueOn!: string;
  @ApiProperty({ format: 'date' }) receiptDueOn!: string;
  @ApiProperty({ nullable: true, type: String }) reviewedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) receiptConfirmedAt!: string | null;
  @ApiProperty({ description: 'Not reviewed and past the one-week deadline' }) reviewOverdue!: boolean;
  @ApiProperty({ description: 'Receipt not confirmed and past the three-week deadline' }) receiptOverdue!: boolean;
  @ApiProperty({ description: 'Sent as the ETag; send it back as If-Match to review or confirm receipt' }) version!: number;
}
