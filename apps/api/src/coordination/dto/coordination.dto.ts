import { ApiProperty } from '@nestjs/swagger';
import { WISH_SOURCES } from '@stafett/domain';
import type { CoordinatorWishRequest, DeclineTransferRequest, ReassignRequest, RequestTransferRequest, WishSource } from '@stafett/domain';
import { IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CaseRefParams } from '../../cases/dto/case-requests.dto';

export class RequestTransferDto implements RequestTransferRequest {
  @ApiProperty({ format: 'uuid', description: 'A staff member of a unit taking part' })
  @IsUUID('all', { message: 'toUserId must be a UUID' })
  toUserId!: string;
  @ApiProperty({ required: false, nullable: true }) @IsOptional() @IsString() @Length(1, 2000) note?: string | null;
}

export class DeclineTransferDto implements DeclineTransferRequest {
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}

export class ReassignDto implements ReassignRequest {
  @ApiProperty({ required: false, nullable: true, format: 'uuid', description: 'Who should hold the baton; you hold it until they accept' })
  @IsOptional()
  @IsUUID('all', { message: 'toUserId must be a UUID' })
  toUserId?: string | null;
  @ApiProperty() @IsString() @Length(1, 2000) reason!: string;
}

export class CoordinatorWishDto implements CoordinatorWishRequest {
  @ApiProperty({ enum: WISH_SOURCES }) @IsIn(WISH_SOURCES) source!: WishSource;
  @ApiProperty() @IsString() @Length(1, 2000) wish!: string;
  @ApiProperty({ required: false, nullable: true, format: 'uuid' })
  @IsOptional()
  @IsUUID('all', { message: 'proposedUserId must be a UUID' })
  proposedUserId?: string | null;
}

export class TransferParams extends CaseRefParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'transferId must be a UUID' }) transferId!: string;
}
