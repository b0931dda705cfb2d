import { ALL_ROLES, definePermission, Role } from '#rally/access';

const { Admin } = Role;

/** Running the organisation: admins only, except reading who the organisation and its members are. */
export const OrganisationPermission = {
  Read: definePermission('organisation.read', ALL_ROLES, 'organisation details, list of members'),
  Manage: definePermission('organisation.manage', [Admin], 'name, country, time zone, default language'),
  MembersManage: definePermission('members.manage', [Admin], 'invitations, role changes, removing members'),
  TokensManage: definePermission('tokens.manage', [Admin], 'API tokens'),
  AuditRead: definePermission('audit.read', [Admin], 'the audit log'),
  MailSettingsManage: definePermission(
    'mail-settings.manage',
    [Admin],
    "sending address, mail settings and the organisation's own SMTP relay",
  ),
};

export const ORGANISATION_PERMISSIONS = Object.values(OrganisationPermission);
