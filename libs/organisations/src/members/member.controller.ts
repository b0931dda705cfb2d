import { Body, Controller, Delete, Get, HttpCode, Param, Patch } from '@nestjs/common';
import type { AuthContext } from '#rally/access';
import { Auth, RequirePermission, IdPipe, StaffApi } from '#rally/access';
import { OrganisationPermission } from '../organisations.permissions.js';
import { MemberResponse, MemberRoleDto } from '../dto/member.dto.js';
import { MemberService } from './member.service.js';

@StaffApi('members')
@Controller('api/orgs/:orgSlug/members')
export class MemberController {
  constructor(private readonly members: MemberService) {}

  // Every member may see colleagues (e.g. to pick a follow-up owner); only admins change them.
  @RequirePermission(OrganisationPermission.Read)
  @Get()
  list(@Auth() auth: AuthContext): Promise<MemberResponse[]> {
    return this.members.list(auth);
  }

  @RequirePermission(OrganisationPermission.MembersManage)
  @Patch(':memberId')
  changeRole(
    @Auth() auth: AuthContext,
    @Param('memberId', new IdPipe('Member')) memberId: string,
    @Body() body: MemberRoleDto,
  ): Promise<MemberResponse> {
    return this.members.changeRole(auth, memberId, body.role);
  }

  @RequirePermission(OrganisationPermission.MembersManage)
  @Delete(':memberId')
  @HttpCode(204)
  remove(@Auth() auth: AuthContext, @Param('memberId', new IdPipe('Member')) memberId: string): Promise<void> {
    return this.members.remove(auth, memberId);
  }
}
