import { ApiProperty } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { Role } from '#rally/access';

export class MemberRoleDto {
  @ApiProperty({ enum: Role, example: Role.Coordinator }) @IsEnum(Role) role: Role;
}

export class MemberResponse {
  @ApiProperty() id: string;
  @ApiProperty() userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role }) role: Role;
  @ApiProperty() joinedAt: Date;
}
