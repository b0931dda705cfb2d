import { ALL_ROLES, definePermission, Role } from '#rally/access';

/**
 * The directory is read by every member (coordinators log responses against targets); campaigners and admins keep
 * it; imports replace many entries at once, so they are a permission of their own.
 */
export const TargetPermission = {
  Read: definePermission('targets.read', ALL_ROLES, 'the target directory, area lookup and responsibilities'),
  Manage: definePermission(
    'targets.manage',
    [Role.Admin, Role.Campaigner, Role.Coordinator],
    'targets, their addresses, responsibilities and the area lookup',
  ),
  Import: definePermission('targets.import', [Role.Admin, Role.Campaigner], 'CSV imports of targets and area lookups'),
};

export const TARGET_PERMISSIONS = Object.values(TargetPermission);
