import { ApiProperty } from '@nestjs/swagger';
import { CONSENT_STATUSES, INFORMATION_CATEGORIES, SIGNATURE_METHODS, SIGNER_ROLES } from '@stafett/domain';
import type {
  ConsentResponse,
  ConsentSignerResponse,
  ConsentStatus,
  CreateConsentRequest,
  InformationCategory,
  RecordAnswerRequest,
  SignerRole,
  SubmitConsentRequest,
  WithdrawConsentRequest,
} from '@stafett/domain';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsISO8601, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateConsentDto implements CreateConsentRequest {
  @ApiProperty({ description: 'What the collaboration is about, in words the family understands' })
  @IsString()
  @Length(1, 2000)
  purpose!: string;

  @ApiProperty({ enum: INFORMATION_CATEGORIES, isArray: true })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(INFORMATION_CATEGORIES.length)
  @IsIn(INFORMATION_CATEGORIES, { each: true })
  categories!: InformationCategory[];

  @ApiProperty({ type: [String], description: 'Services (not named employees) that may take part' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true, message: 'serviceIds must be UUIDs' })
  serviceIds!: string[];

  @ApiProperty({ required: false, type: [String], description: 'Persons who may not read, even in a named service' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsUUID('all', { each: true, message: 'excludedUserIds must be UUIDs' })
  excludedUserIds?: string[];

  @ApiProperty({ required: false, enum: INFORMATION_CATEGORIES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(INFORMATION_CATEGORIES, { each: true })
  excludedCategories?: InformationCategory[];

  @ApiProperty({ required: false, format: 'date', description: 'Today when left out' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'validFrom must be a date (YYYY-MM-DD)' })
  validFrom?: string;

  @ApiProperty({ required: false, format: 'date', description: 'The municipality’s default length (12 months) when left out' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(DATE, { message: 'validTo must be a date (YYYY-MM-DD)' })
  validTo?: string;
}

export class SubmitConsentDto implements SubmitConsentRequest {
  @ApiProperty({
    required: false,
    nullable: true,
    description: 'Why one signature is enough (sole responsibility, the other cannot be reached)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  singleSignatureReason?: string | null;
}

export class WithdrawConsentDto implements WithdrawConsentRequest {
  @ApiProperty({ required: false, nullable: true }) @IsOptional() @IsString() @Length(1, 2000) reason?: string | null;
  @ApiProperty({
    required: false,
    nullable: true,
    description: 'Staff only: the signer (user id or "youth") whose oral or written withdrawal this is',
  })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  onBehalfOf?: string | null;
  @ApiProperty({ required: false, nullable: true, description: 'Staff only: how and when the withdrawal was given' })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string | null;
}

export class RecordAnswerDto implements RecordAnswerRequest {
  @ApiProperty({ description: 'The guardian’s user id, or "youth"' }) @IsString() @Length(1, 64) signerKey!: string;
  @ApiProperty({ enum: ['signed', 'declined'] }) @IsIn(['signed', 'declined']) decision!: 'signed' | 'declined';
  @ApiProperty({ enum: ['oral', 'paper'] }) @IsIn(['oral', 'paper']) method!: 'oral' | 'paper';
  @ApiProperty({ description: 'How the answer was given, and where the paper is kept' }) @IsString() @Length(1, 2000) note!: string;
}

export class ConsentIdParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID('all', { message: 'id must be a UUID' }) id!: string;
}

class ConsentAnswerDto {
  @ApiProperty({ enum: ['signed', 'declined'] }) decision!: 'signed' | 'declined';
  @ApiProperty({ enum: SIGNATURE_METHODS }) method!: 'digital' | 'oral' | 'paper';
  @ApiProperty({ format: 'date-time' }) answeredAt!: string;
  @ApiProperty({ nullable: true, type: String }) recordedBy!: string | null;
  @ApiProperty({ nullable: true, type: String }) note!: string | null;
}

class ConsentSignerDto implements ConsentSignerResponse {
  @ApiProperty({ enum: SIGNER_ROLES }) role!: SignerRole;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) userId!: string | null;
  @ApiProperty() displayName!: string;
  @ApiProperty({ type: ConsentAnswerDto, nullable: true }) answer!: ConsentAnswerDto | null;
}

export class ConsentResponseDto implements ConsentResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() child!: { givenName: string; familyName: string };
  @ApiProperty() versionNo!: number;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) previousVersionId!: string | null;
  @ApiProperty({ enum: CONSENT_STATUSES }) status!: ConsentStatus;
  @ApiProperty() purpose!: string;
  @ApiProperty({ enum: INFORMATION_CATEGORIES, isArray: true }) categories!: InformationCategory[];
  @ApiProperty() services!: Array<{ id: string; name: string }>;
  @ApiProperty() excludedUsers!: Array<{ userId: string; displayName: string | null }>;
  @ApiProperty({ enum: INFORMATION_CATEGORIES, isArray: true }) excludedCategories!: InformationCategory[];
  @ApiProperty({ format: 'date' }) validFrom!: string;
  @ApiProperty({ format: 'date' }) validTo!: string;
  @ApiProperty({ nullable: true, type: Number }) daysLeft!: number | null;
  @ApiProperty({ type: [ConsentSignerDto] }) signers!: ConsentSignerResponse[];
  @ApiProperty({ nullable: true, type: String }) singleSignatureReason!: string | null;
  @ApiProperty() createdBy!: { userId: string; displayName: string | null };
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) activatedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) withdrawnAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) withdrawalReason!: string | null;
  @ApiProperty() permissions!: { canManage: boolean; canAnswer: boolean; canWithdraw: boolean };
  @ApiProperty() version!: number;
}
