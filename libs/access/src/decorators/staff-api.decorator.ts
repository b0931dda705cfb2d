import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtraModels, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ErrorResponse } from '#rally/core';

/**
 * OpenAPI marks of a staff controller under `/api/orgs/:orgSlug/...`: both ways to authenticate, the slug parameter,
 * and the error answers every staff route can give (the console's generated client reads them).
 */
export const StaffApi = (tag: string): ClassDecorator =>
  applyDecorators(
    ApiTags(tag),
    ApiBearerAuth('token'),
    ApiCookieAuth('session'),
    ApiParam({ name: 'orgSlug', description: 'Slug of the organisation acting in', example: 'demo' }),
    ApiExtraModels(ErrorResponse),
    ApiResponse({ status: 401, description: 'No session or token', type: ErrorResponse }),
    ApiResponse({ status: 403, description: 'Role not allowed, or missing CSRF token', type: ErrorResponse }),
    ApiResponse({ status: 404, description: 'No such organisation, or not yours', type: ErrorResponse }),
    ApiResponse({ status: 422, description: 'Invalid input, messages by field', type: ErrorResponse }),
  );
