import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import type { CitizenMunicipality } from '@stafett/domain';

export class CitizenMunicipalityDto implements CitizenMunicipality {
  @ApiProperty({ format: 'uuid', description: 'The person’s citizen user in this municipality' }) userId!: string;
  @ApiProperty({ format: 'uuid' }) municipalityId!: string;
  @ApiProperty() municipalityName!: string;
  @ApiProperty({ description: 'Whether the session acts as this user now' }) current!: boolean;
}

export class SwitchMunicipalityDto {
  @ApiProperty({ format: 'uuid', description: 'One of the userIds GET /api/me/municipalities lists' })
  @IsUUID()
  userId!: string;
}

export class SignedOutDto {
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'The identity provider’s end-session URL: the client sends the browser there to sign out of the provider too',
  })
  endSessionUrl!: string | null;
}
