import { ApiProperty } from '@nestjs/swagger';
import { GUARDIAN_RELATIONS } from '@stafett/domain';
import type { AddGuardianRequest, GuardianRelation } from '@stafett/domain';
import { IsBoolean, IsIn, IsString, Length } from 'class-validator';
import { IsNationalId } from './is-national-id';

export class AddGuardianDto implements AddGuardianRequest {
  @ApiProperty({ description: 'Fødselsnummer or D-number; checked, stored, never sent back' })
  @IsNationalId()
  nationalId!: string;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  givenName!: string;

  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @Length(1, 200)
  familyName!: string;

  @ApiProperty({ enum: GUARDIAN_RELATIONS })
  @IsIn(GUARDIAN_RELATIONS, { message: `relation must be one of ${GUARDIAN_RELATIONS.join(', ')}` })
  relation!: GuardianRelation;

  @ApiProperty()
  @IsBoolean()
  parentalResponsibility!: boolean;
}
