import { definePermission, Role } from '#rally/access';

/** Petitions are the campaigners' (reading them, counts included, is CampaignPermission.Read). */
export const PetitionPermission = {
  Manage: definePermission(
    'petitions.manage',
    [Role.Admin, Role.Campaigner],
    'petitions: create, edit, open, close, deliver, paper signatures',
  ),
  SignaturesExport: definePermission(
    'signatures.export',
    [Role.Admin, Role.Campaigner],
    'signature exports (CSV with personal data)',
  ),
};

export const PETITION_PERMISSIONS = Object.values(PetitionPermission);
