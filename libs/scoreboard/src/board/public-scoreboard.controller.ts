import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { NotFoundError, Public } from '#rally/core';
import type { ScoreboardRowResponse } from '../dto/scoreboard.dto.js';
import { ScoreboardService } from './scoreboard.service.js';

/**
 * The per-ministry scoreboard of an organisation that made it public (off by default: an organisation decides when
 * its figures are solid enough to name ministries). Same rows as the staff board; an organisation that did not
 * publish it is indistinguishable from one that does not exist. Cached for five minutes by browsers and proxies.
 */
@ApiExcludeController()
@Public()
@Controller('public/scoreboard')
export class PublicScoreboardController {
  constructor(private readonly board: ScoreboardService) {}

  @Get(':orgSlug/scoreboard.json')
  @Header('cache-control', 'public, max-age=300')
  @Header('access-control-allow-origin', '*')
  async read(
    @Param('orgSlug') slug: string,
  ): Promise<{ organisation: string; ministries: ScoreboardRowResponse[]; totals: ScoreboardRowResponse }> {
    const org = await this.board.publicOrganisation(slug);
    if (!org) throw new NotFoundError('Scoreboard');
    const { ministries, totals } = await this.board.board({ organisationId: org.organisationId }, {});
    return { organisation: org.name, ministries, totals };
  }
}
