import { ALL_ROLES, definePermission, Role } from '#rally/access';

/** Letter actions are the campaigners'; every member sees what was delivered to whom (coordinators follow it up). */
export const LetterPermission = {
  Read: definePermission('letters.read', ALL_ROLES, 'letter actions, their letters and delivery'),
  Manage: definePermission(
    'letters.manage',
    [Role.Admin, Role.Campaigner],
    'letter actions: create, edit the template and routing, open, close, test mode, cancel letters',
  ),
};

export const LETTER_PERMISSIONS = Object.values(LetterPermission);
