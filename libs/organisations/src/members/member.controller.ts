import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Query } from '@nestjs/common';
import { ApiOkResponse } from '@nestjs/swagger';
import type { Page } from '#rally/core';
import { PageQueryDto, pageOf, PageSchema, pageWindow } from '#rally/core';
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
  @ApiOkResponse({ type: PageSchema(MemberResponse) })
  async list(@Auth() auth: AuthContext, @Query() query: PageQueryDto): Promise<Page<MemberResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.members.list(auth, window);
    return pageOf(items, total, window);
  }

  @RequirePermission(OrganisationPermission.MembersManage)
  @Patch(':memberId')
  @ApiOkResponse({ type: MemberResponse })
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
