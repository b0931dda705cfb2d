import { ALL_ROLES, definePermission, Role } from '#rally/access';

/**
 * Every member reads mailings and their reports. Campaigners write them (content, audience, preview, test send to
 * themselves); only admins send or schedule one to supporters, since a mailing speaks to the whole list at once.
 */
export const MailingPermission = {
  Read: definePermission('mailings.read', ALL_ROLES, 'mailings, their runs and delivery reports'),
  Manage: definePermission(
    'mailings.manage',
    [Role.Admin, Role.Campaigner],
    'mailings: write content and audience, count recipients, preview, test send to oneself, delete a draft',
  ),
  Send: definePermission(
    'mailings.send',
    [Role.Admin],
    'mailings: send now, schedule, reschedule, pause, resume, cancel; the suppression list',
  ),
};

export const MAILING_PERMISSIONS = Object.values(MailingPermission);
