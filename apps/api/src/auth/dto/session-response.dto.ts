import { ApiProperty } from '@nestjs/swagger';
import type { FamilyRole, RoleGrant, SessionInfo } from '@stafett/domain';

class SessionUserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['staff', 'citizen'] }) kind!: 'staff' | 'citizen';
  @ApiProperty({ format: 'uuid' }) municipalityId!: string;
  @ApiProperty({ enum: ['guardian', 'youth'], nullable: true, description: 'For citizens: guardian, or a youth reading their own case' })
  familyRole!: FamilyRole | null;
}

export class SessionResponseDto implements SessionInfo {
  @ApiProperty({ type: SessionUserDto }) user!: SessionUserDto;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) roles!: RoleGrant[];
  @ApiProperty({ type: 'array', items: {}, description: 'Packed CASL rules (@casl/ability/extra packRules)' }) rules!: unknown[];
  @ApiProperty() csrfToken!: string;
}
