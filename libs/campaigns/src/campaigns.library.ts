import type { RallyLibrary } from '#rally/core';
import { CAMPAIGN_AUDIT } from './campaigns.audit.js';
import { CAMPAIGN_PERMISSIONS } from './campaigns.permissions.js';
import { Campaign } from './entities/campaign.entity.js';

/** An organisation's pushes on an issue; petitions (and, later, letter actions) belong to one. */
export const CAMPAIGNS_LIBRARY: RallyLibrary = {
  name: 'campaigns',
  entities: [Campaign],
  permissions: CAMPAIGN_PERMISSIONS,
  audit: CAMPAIGN_AUDIT,
};
