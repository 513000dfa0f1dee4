import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsUUID } from 'class-validator';

class UserRoleDto {
  @ApiProperty() role!: string;
  @ApiProperty({ nullable: true, type: String }) unitName!: string | null;
}

/** What an administrator sees of a user: no identity number, no case content. */
export class UserResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['staff', 'citizen'] }) kind!: 'staff' | 'citizen';
  @ApiProperty() active!: boolean;
  @ApiProperty({ type: [UserRoleDto] }) roles!: UserRoleDto[];
  @ApiProperty({ description: 'Send it back as If-Match to change the user' }) version!: number;
}

export class UserIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'id must be a UUID' })
  id!: string;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'false disables the user; it takes effect on their next request' })
  @IsBoolean()
  active!: boolean;
}
