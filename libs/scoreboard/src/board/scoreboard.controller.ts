import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import { ErrorResponse } from '#rally/core';
import {
  HolidayCreateDto,
  HolidayListQueryDto,
  HolidayResponse,
  HolidayUpdateDto,
  ScoreboardQueryDto,
  ScoreboardResponse,
  ScoreboardSettingsDto,
  ScoreboardSettingsResponse,
} from '../dto/scoreboard.dto.js';
import { HolidayService } from '../holidays/holiday.service.js';
import { ScoreboardPermission } from '../scoreboard.permissions.js';
import { ScoreboardService } from './scoreboard.service.js';

const HOLIDAY_ID = new IdPipe('Holiday');

@StaffApi('scoreboard')
@Controller('api/orgs/:orgSlug/scoreboard')
export class ScoreboardController {
  constructor(
    private readonly board: ScoreboardService,
    private readonly holidays: HolidayService,
  ) {}

  /** Per ministry and country, from the wave rollup (never the letters); `totals` for a campaign's dashboard. */
  @Get()
  @RequirePermission(ScoreboardPermission.Read)
  @ApiOkResponse({ type: ScoreboardResponse })
  read(@Auth() auth: AuthContext, @Query() query: ScoreboardQueryDto): Promise<ScoreboardResponse> {
    return this.board.board(auth, { campaignId: query.campaignId, country: query.country });
  }

  @Get('settings')
  @RequirePermission(ScoreboardPermission.Read)
  @ApiOkResponse({ type: ScoreboardSettingsResponse })
  settings(@Auth() auth: AuthContext): Promise<ScoreboardSettingsResponse> {
    return this.board.settings(auth);
  }

  @Put('settings')
  @RequirePermission(ScoreboardPermission.Settings)
  @ApiOkResponse({ type: ScoreboardSettingsResponse })
  setSettings(@Auth() auth: AuthContext, @Body() body: ScoreboardSettingsDto): Promise<ScoreboardSettingsResponse> {
    return this.board.setSettings(auth, body);
  }

  @Get('holidays')
  @RequirePermission(ScoreboardPermission.Read)
  @ApiOkResponse({ type: [HolidayResponse] })
  listHolidays(@Auth() auth: AuthContext, @Query() query: HolidayListQueryDto): Promise<HolidayResponse[]> {
    return this.holidays.list(auth, query.country);
  }

  @Post('holidays')
  @RequirePermission(ScoreboardPermission.Manage)
  @ApiCreatedResponse({ type: HolidayResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'scoreboard_holiday_taken: the day is a holiday already' })
  createHoliday(@Auth() auth: AuthContext, @Body() body: HolidayCreateDto): Promise<HolidayResponse> {
    return this.holidays.create(auth, body);
  }

  @Patch('holidays/:holidayId')
  @RequirePermission(ScoreboardPermission.Manage)
  @ApiOkResponse({ type: HolidayResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'scoreboard_holiday_taken: the day is a holiday already' })
  updateHoliday(
    @Auth() auth: AuthContext,
    @Param('holidayId', HOLIDAY_ID) id: string,
    @Body() body: HolidayUpdateDto,
  ): Promise<HolidayResponse> {
    return this.holidays.update(auth, id, body);
  }

  @Delete('holidays/:holidayId')
  @HttpCode(204)
  @RequirePermission(ScoreboardPermission.Manage)
  @ApiNoContentResponse()
  async removeHoliday(@Auth() auth: AuthContext, @Param('holidayId', HOLIDAY_ID) id: string): Promise<void> {
    await this.holidays.remove(auth, id);
  }
}
