import { ApiProperty } from '@nestjs/swagger';
import { STAFF_ROLES } from '@stafett/domain';
import type { StaffRole } from '@stafett/domain';
import { Transform } from 'class-transformer';
import { IsBoolean, IsDateString, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';

const lowerTrimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value));
const trimmed = () => Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export class RoleAssignmentResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: STAFF_ROLES }) role!: StaffRole;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) unitId!: string | null;
  @ApiProperty({ nullable: true, type: String }) unitName!: string | null;
  @ApiProperty({ format: 'date', description: 'First day the role holds' }) validFrom!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date', description: 'Last day the role holds (inclusive); null: open-ended' })
  validTo!: string | null;
  @ApiProperty({ description: 'Whether the role holds today' }) current!: boolean;
  @ApiProperty({ description: 'Send it back as If-Match to end the role' }) version!: number;
}

/** What an administrator sees of a user: no identity number, no case content. */
export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['staff', 'citizen'] }) kind!: 'staff' | 'citizen';
  @ApiProperty() active!: boolean;
  @ApiProperty({ nullable: true, type: String, description: 'Staff: the e-mail they were invited by' }) email!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'Staff: the user principal name they were invited by' }) upn!: string | null;
  @ApiProperty({ description: 'Whether the identity provider has bound the user (they signed in at least once)' }) signedIn!: boolean;
  @ApiProperty({ type: [RoleAssignmentResponseDto] }) roles!: RoleAssignmentResponseDto[];
  @ApiProperty({ description: 'Send it back as If-Match to change the user' }) version!: number;
}

export class UserIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class RoleAssignmentParams extends UserIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'roleId must be a UUID' })
  roleId!: string;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'false disables the user; it takes effect on their next request' })
  @IsBoolean()
  active!: boolean;
}

/** A staff user invited by e-mail and/or UPN; bound to the identity provider's subject at first sign-in. */
export class CreateStaffUserDto {
  @ApiProperty({ example: 'Kari Larsen' })
  @trimmed()
  @IsString()
  @Length(2, 120)
  displayName!: string;

  @ApiProperty({ required: false, example: 'kari.larsen@fjordvik.kommune.no' })
  @ValidateIf((o: CreateStaffUserDto) => o.email !== undefined || o.upn === undefined)
  @lowerTrimmed()
  @IsEmail({}, { message: 'email must be an e-mail address (send email, upn or both)' })
  email?: string;

  @ApiProperty({ required: false, example: 'kari.larsen@fjordvik.kommune.no', description: 'User principal name (e.g. Entra ID)' })
  @IsOptional()
  @lowerTrimmed()
  @IsEmail({}, { message: 'upn must have the form name@domain' })
  upn?: string;
}

export class CreateRoleAssignmentDto {
  @ApiProperty({ enum: STAFF_ROLES })
  @IsIn(STAFF_ROLES, { message: `role must be one of ${STAFF_ROLES.join(', ')}` })
  role!: StaffRole;

  @ApiProperty({ required: false, format: 'uuid', description: 'Required for staff and unit_leader; none for admin and privacy_officer' })
  @IsOptional()
  @IsUUID('all', { message: 'unitId must be a UUID' })
  unitId?: string;

  @ApiProperty({ required: false, format: 'date', description: 'First day (default today); not in the past' })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'validFrom must be a date (YYYY-MM-DD)' })
  @IsDateString({ strict: true }, { message: 'validFrom must be a date (YYYY-MM-DD)' })
  validFrom?: string;

  @ApiProperty({ required: false, format: 'date', description: 'Last day (inclusive); none: until ended' })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'validTo must be a date (YYYY-MM-DD)' })
  @IsDateString({ strict: true }, { message: 'validTo must be a date (YYYY-MM-DD)' })
  validTo?: string;
}

export class EndRoleAssignmentDto {
  @ApiProperty({ required: false, format: 'date', description: 'Last day the role holds; none: it ends now (yesterday was the last day)' })
  @IsOptional()
  @Matches(ISO_DAY, { message: 'validTo must be a date (YYYY-MM-DD)' })
  @IsDateString({ strict: true }, { message: 'validTo must be a date (YYYY-MM-DD)' })
  validTo?: string;
}
