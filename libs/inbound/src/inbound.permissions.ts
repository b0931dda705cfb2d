import { ALL_ROLES, definePermission, Role } from '#rally/access';

/** What ministries answer is every member's to read; coordinators sort the triage queue; admins set up ways in. */
export const InboundPermission = {
  Read: definePermission('inbound.read', ALL_ROLES, 'replies, automatic answers, bounces and alerts'),
  Triage: definePermission(
    'inbound.triage',
    [Role.Admin, Role.Coordinator],
    'the triage queue: tie unmatched mail to a letter or dismiss it; acknowledge alerts',
  ),
  Sources: definePermission('inbound.sources', [Role.Admin], 'inbound webhooks and IMAP mailboxes'),
};

export const INBOUND_PERMISSIONS = Object.values(InboundPermission);
