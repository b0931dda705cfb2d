import type { RallyLibrary } from '#rally/core';
import { ResponseLetter, ResponseMessage, ResponseRecommendation } from './entities/response-link.entity.js';
import { TargetResponse } from './entities/target-response.entity.js';
import { RESPONSE_AUDIT } from './responses.audit.js';
import { RESPONSE_PERMISSIONS } from './responses.permissions.js';

/** What targets answered: the response log, drafted from captured replies and kept by coordinators. */
export const RESPONSES_LIBRARY: RallyLibrary = {
  name: 'responses',
  entities: [TargetResponse, ResponseRecommendation, ResponseLetter, ResponseMessage],
  permissions: RESPONSE_PERMISSIONS,
  audit: RESPONSE_AUDIT,
};
