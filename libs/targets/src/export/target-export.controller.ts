import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiProduces } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { AuthContext } from '#rally/access';
import { Auth, RequirePermission, StaffApi } from '#rally/access';
import { TargetPermission } from '../targets.permissions.js';
import { TargetExport } from './target-export.js';

/**
 * The directory and the area lookup as CSV files that import back unchanged. Static paths under the directory's
 * own prefixes: Fastify matches a static segment before a parametric one, so `targets/export.csv` never reaches
 * `targets/:targetId`.
 */
@StaffApi('targets')
@Controller('api/orgs/:orgSlug')
export class TargetExportController {
  constructor(private readonly exporter: TargetExport) {}

  @Get('targets/export.csv')
  @RequirePermission(TargetPermission.Read)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'Every target of the organisation, one row each', schema: { type: 'string' } })
  targets(@Auth() auth: AuthContext, @Res() reply: FastifyReply): void {
    send(reply, 'targets.csv', this.exporter.targets(auth));
  }

  @Get('area-lookups/export.csv')
  @RequirePermission(TargetPermission.Read)
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The area lookup, one postcode prefix per row', schema: { type: 'string' } })
  areaLookups(@Auth() auth: AuthContext, @Res() reply: FastifyReply): void {
    send(reply, 'area-lookups.csv', this.exporter.areaLookups(auth));
  }
}

function send(reply: FastifyReply, fileName: string, body: NodeJS.ReadableStream): void {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${fileName}"`)
    .header('cache-control', 'no-store')
    .send(body);
}
