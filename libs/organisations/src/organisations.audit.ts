import type { AuditVocabulary } from '#rally/core';

/** Settings, members, invitations and API tokens. */
export const ORGANISATION_AUDIT = {
  actions: [
    'organisation.update',
    'mail-settings.update',
    'mail-relay.update',
    'mail-relay.delete',
    'mail-relay.test',
    'invitation.create',
    'invitation.revoke',
    'invitation.accept',
    'member.role-change',
    'member.remove',
    'api-token.create',
    'api-token.revoke',
  ],
  objectTypes: ['organisation', 'invitation', 'member', 'api-token'],
} as const satisfies AuditVocabulary;
