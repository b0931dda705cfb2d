import { Body, Controller, Delete, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import { ErrorResponse } from '#rally/core';
import {
  TargetEmailCreateDto,
  TargetEmailResponse,
  TargetEmailUpdateDto,
  toTargetEmailResponse,
} from '../dto/target-email.dto.js';
import { TargetPermission } from '../targets.permissions.js';
import { TargetEmailService } from './target-email.service.js';
import { TARGET_ID } from './target.controller.js';

const EMAIL_ID = new IdPipe('Target email');

/** A target's addresses; the target's own answer (GET /targets/:targetId) lists them in order. */
@StaffApi('targets')
@Controller('api/orgs/:orgSlug/targets/:targetId/emails')
export class TargetEmailController {
  constructor(private readonly emails: TargetEmailService) {}

  @Post()
  @RequirePermission(TargetPermission.Manage)
  @ApiCreatedResponse({ type: TargetEmailResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The target already has this address' })
  async add(
    @Auth() auth: AuthContext,
    @Param('targetId', TARGET_ID) targetId: string,
    @Body() body: TargetEmailCreateDto,
  ): Promise<TargetEmailResponse> {
    return toTargetEmailResponse(await this.emails.add(auth, targetId, body));
  }

  @Patch(':emailId')
  @RequirePermission(TargetPermission.Manage)
  @ApiOkResponse({ type: TargetEmailResponse })
  async update(
    @Auth() auth: AuthContext,
    @Param('targetId', TARGET_ID) targetId: string,
    @Param('emailId', EMAIL_ID) emailId: string,
    @Body() body: TargetEmailUpdateDto,
  ): Promise<TargetEmailResponse> {
    return toTargetEmailResponse(await this.emails.update(auth, targetId, emailId, body));
  }

  @Delete(':emailId')
  @HttpCode(204)
  @RequirePermission(TargetPermission.Manage)
  @ApiNoContentResponse({ description: 'Removed; the others move up' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The last address of the target' })
  async remove(
    @Auth() auth: AuthContext,
    @Param('targetId', TARGET_ID) targetId: string,
    @Param('emailId', EMAIL_ID) emailId: string,
  ): Promise<void> {
    await this.emails.remove(auth, targetId, emailId);
  }
}
