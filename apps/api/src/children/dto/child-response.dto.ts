import { ApiProperty } from '@nestjs/swagger';

class ChildUnitDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) groupName!: string | null;
}

/** Basic facts of a child; the national identity number is never sent. */
export class ChildResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() givenName!: string;
  @ApiProperty() familyName!: string;
  @ApiProperty({ format: 'date' }) birthDate!: string;
  @ApiProperty({ type: [ChildUnitDto] }) units!: ChildUnitDto[];
}
