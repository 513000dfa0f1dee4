import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class MunicipalityCodeParams {
  @ApiProperty({ example: '9999', description: 'Four-digit municipality number' })
  @Matches(/^\d{4}$/, { message: 'code must be a four-digit municipality number' })
  code!: string;
}
