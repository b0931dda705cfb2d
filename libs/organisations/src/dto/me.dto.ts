import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Role } from '#rally/access';

export class MeActor {
  @ApiProperty({ enum: ['user', 'token'], enumName: 'ActorKind' }) kind: 'user' | 'token';
  @ApiPropertyOptional({ description: 'Set when a person signed in' }) userId?: string;
  @ApiPropertyOptional({ description: 'Set when an API token calls' }) tokenId?: string;
}

export class MeResponse {
  @ApiProperty() organisationId: string;
  @ApiProperty({ enum: Role, enumName: 'Role' }) role: Role;
  @ApiProperty({ type: MeActor }) actor: MeActor;
  @ApiProperty({
    type: [String],
    example: ['organisation.read', 'campaigns.read'],
    description: 'Every permission the role holds in this organisation',
  })
  permissions: string[];
}
