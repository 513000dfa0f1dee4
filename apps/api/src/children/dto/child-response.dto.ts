import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ADDRESS_PROTECTIONS } from '@stafett/domain';
import type { AddressProtection } from '@stafett/domain';

class ChildUnitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) groupName!: string | null;
}

export class ChildGuardianDto {
  @ApiProperty({ format: 'uuid', description: 'The guardianship' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ nullable: true, type: String, description: 'mor, far, medmor, annen_foresatt, or as the register gave it' })
  relation!: string | null;
  @ApiProperty() parentalResponsibility!: boolean;
  @ApiProperty({ description: 'Confirmed by a register import; false while only registered by hand' }) verified!: boolean;
  @ApiProperty({ enum: ['register', 'manual'] }) source!: 'register' | 'manual';
}

/** Basic facts of a child; the national identity number is never sent. */
export class ChildResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ format: 'date' }) birthDate!: string;
  @ApiProperty({ type: [ChildUnitDto], description: 'Empty for a guardian who does not share the child’s address protection' })
  units!: ChildUnitDto[];
  @ApiProperty({ enum: ADDRESS_PROTECTIONS, nullable: true, description: 'The register’s address protection: a marking for staff' })
  addressProtection!: AddressProtection | null;
  @ApiPropertyOptional({ type: [ChildGuardianDto], description: 'For staff only' }) guardians?: ChildGuardianDto[];
}
