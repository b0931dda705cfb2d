import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import { ErrorResponse } from '#rally/core';
import {
  BulkPublicationDto,
  PublicationDto,
  PublicationResponse,
  ScorecardResponse,
  ScorecardSettingsDto,
} from '../dto/scorecard.dto.js';
import { ImplementationPermission } from '../implementation.permissions.js';
import { ScorecardService } from './scorecard.service.js';

const RECOMMENDATION_ID = new IdPipe('Recommendation');
const NOT_PUBLISHABLE = 'implementation_not_publishable: no status in this country (or unknown), or withdrawn';

/** Staff side of the public scorecard: its switch and addresses, and which statuses it shows. */
@StaffApi('implementation')
@Controller('api/orgs/:orgSlug/implementation')
export class ScorecardController {
  constructor(private readonly scorecard: ScorecardService) {}

  @Get('scorecard')
  @RequirePermission(ImplementationPermission.Read)
  @ApiOkResponse({ type: ScorecardResponse })
  async overview(@Auth() auth: AuthContext): Promise<ScorecardResponse> {
    return this.scorecard.overview(auth);
  }

  @Put('scorecard')
  @RequirePermission(ImplementationPermission.Settings)
  @ApiOkResponse({ type: ScorecardResponse })
  async setEnabled(@Auth() auth: AuthContext, @Body() body: ScorecardSettingsDto): Promise<ScorecardResponse> {
    return this.scorecard.setEnabled(auth, body.enabled);
  }

  /** One status on or off the public scorecard; changing the status later keeps this choice. */
  @Put('statuses/:recommendationId/publication')
  @RequirePermission(ImplementationPermission.Publish)
  @ApiOkResponse({ type: PublicationResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: NOT_PUBLISHABLE })
  async publishOne(
    @Auth() auth: AuthContext,
    @Param('recommendationId', RECOMMENDATION_ID) id: string,
    @Body() body: PublicationDto,
  ): Promise<PublicationResponse> {
    return this.scorecard.publish(auth, { ...body, recommendationIds: [id] }, 'recommendationId');
  }

  /** Several statuses of one country at once, all or none. */
  @Post('publication')
  @HttpCode(200)
  @RequirePermission(ImplementationPermission.Publish)
  @ApiOkResponse({ type: PublicationResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: NOT_PUBLISHABLE })
  async publishMany(@Auth() auth: AuthContext, @Body() body: BulkPublicationDto): Promise<PublicationResponse> {
    return this.scorecard.publish(auth, body, 'recommendationIds');
  }
}
