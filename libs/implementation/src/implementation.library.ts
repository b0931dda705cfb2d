import type { RallyLibrary } from '#rally/core';
import { ImplementationHistory } from './entities/implementation-history.entity.js';
import { ImplementationProposal } from './entities/implementation-proposal.entity.js';
import { ImplementationSettings } from './entities/implementation-settings.entity.js';
import { ImplementationStatus } from './entities/implementation-status.entity.js';
import { IMPLEMENTATION_CATALOGUE } from './implementation.i18n.js';
import { IMPLEMENTATION_AUDIT } from './implementation.audit.js';
import { IMPLEMENTATION_PERMISSIONS } from './implementation.permissions.js';

/**
 * How far each country has moved on each recommendation, with evidence, history, an optional second reviewer and the
 * public scorecard of what coordinators publish.
 */
export const IMPLEMENTATION_LIBRARY: RallyLibrary = {
  name: 'implementation',
  entities: [ImplementationStatus, ImplementationProposal, ImplementationHistory, ImplementationSettings],
  permissions: IMPLEMENTATION_PERMISSIONS,
  audit: IMPLEMENTATION_AUDIT,
  catalogues: [IMPLEMENTATION_CATALOGUE],
};
