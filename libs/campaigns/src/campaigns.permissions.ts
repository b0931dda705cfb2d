import { ALL_ROLES, definePermission, Role } from '#rally/access';

/** Campaigns: every member reads them (coordinators plan follow-ups against them); campaigners shape them. */
export const CampaignPermission = {
  Read: definePermission('campaigns.read', ALL_ROLES, 'reading campaigns and their petitions, counts included'),
  Manage: definePermission('campaigns.manage', [Role.Admin, Role.Campaigner], 'campaigns'),
};

export const CAMPAIGN_PERMISSIONS = Object.values(CampaignPermission);
