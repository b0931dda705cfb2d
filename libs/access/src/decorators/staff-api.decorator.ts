import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';

/** OpenAPI marks of a staff controller under `/api/orgs/:orgSlug/...`: both ways to authenticate and the slug parameter. */
export const StaffApi = (tag: string): ClassDecorator =>
  applyDecorators(
    ApiTags(tag),
    ApiBearerAuth('token'),
    ApiCookieAuth('session'),
    ApiParam({ name: 'orgSlug', description: 'Slug of the organisation acting in', example: 'demo' }),
  );
