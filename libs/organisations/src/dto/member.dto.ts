import { ApiProperty } from '@nestjs/swagger';
import { IsEnum } from 'class-validator';
import { Role } from '#rally/access';

export class MemberRoleDto {
  @ApiProperty({ enum: Role, enumName: 'Role', example: Role.Coordinator }) @IsEnum(Role) role: Role;
}

export class MemberResponse {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: Role;
  @ApiProperty() joinedAt: Date;
}
