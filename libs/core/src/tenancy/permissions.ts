import { Role } from './auth-context.js';

/** What staff can do. Routes name one permission; the matrix below is the only place roles map to permissions. */
export enum Permission {
  OrganisationRead = 'organisation.read',
  OrganisationManage = 'organisation.manage',
  MembersManage = 'members.manage',
  TokensManage = 'tokens.manage',
  AuditRead = 'audit.read',
  MailSettingsManage = 'mail-settings.manage',
  DataRequestsManage = 'data-requests.manage',
  CampaignsRead = 'campaigns.read',
  CampaignsManage = 'campaigns.manage',
  PetitionsManage = 'petitions.manage',
  SignaturesExport = 'signatures.export',
  LettersManage = 'letters.manage',
  TargetsManage = 'targets.manage',
  ResponsesManage = 'responses.manage',
  FollowUpsManage = 'follow-ups.manage',
}

const { Admin, Coordinator, Campaigner } = Role;

export const PERMISSION_MATRIX: Record<Permission, readonly Role[]> = {
  [Permission.OrganisationRead]: [Admin, Coordinator, Campaigner],
  [Permission.OrganisationManage]: [Admin],
  [Permission.MembersManage]: [Admin],
  [Permission.TokensManage]: [Admin],
  [Permission.AuditRead]: [Admin],
  [Permission.MailSettingsManage]: [Admin],
  [Permission.DataRequestsManage]: [Admin],
  [Permission.CampaignsRead]: [Admin, Coordinator, Campaigner],
  [Permission.CampaignsManage]: [Admin, Campaigner],
  [Permission.PetitionsManage]: [Admin, Campaigner],
  [Permission.SignaturesExport]: [Admin, Campaigner],
  [Permission.LettersManage]: [Admin, Campaigner],
  [Permission.TargetsManage]: [Admin, Campaigner],
  [Permission.ResponsesManage]: [Admin, Coordinator],
  [Permission.FollowUpsManage]: [Admin, Coordinator],
};

export const roleMay = (role: Role, permission: Permission): boolean => PERMISSION_MATRIX[permission].includes(role);
