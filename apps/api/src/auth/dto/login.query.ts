import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches, MaxLength } from 'class-validator';
import type { SignInAudience } from '@stafett/domain';

export class LoginQuery {
  @ApiProperty({ enum: ['staff', 'citizen'], description: 'staff: the municipality identity provider; citizen: ID-porten' })
  @IsIn(['staff', 'citizen'])
  as!: SignInAudience;

  @ApiProperty({ required: false, example: '/children', description: 'A path in this application to return to' })
  @IsOptional()
  @MaxLength(500)
  // Only a local path: never an open redirect to another site.
  @Matches(/^\/(?![/\\])[^\s]*$/, { message: 'returnTo must be a path in this application' })
  returnTo?: string;
}

export class CallbackQuery {
  @ApiProperty() @MaxLength(2000) code!: string;
  @ApiProperty() @MaxLength(200) state!: string;
  /** RFC 9207: the issuer names itself in the redirect (ID-porten does); openid-client checks it. */
  @ApiProperty({ required: false }) @IsOptional() @MaxLength(500) iss?: string;
}
