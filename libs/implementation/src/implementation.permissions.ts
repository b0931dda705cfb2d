import { ALL_ROLES, definePermission, Role } from '#rally/access';

/**
 * Every member reads where the country stands; coordinators, who follow what ministries do, and admins change it.
 * The second-reviewer rule checks coordinators' changes, so switching it is the admins' alone.
 */
export const ImplementationPermission = {
  Read: definePermission(
    'implementation.read',
    ALL_ROLES,
    'implementation status per country, its history and proposals',
  ),
  Manage: definePermission(
    'implementation.manage',
    [Role.Admin, Role.Coordinator],
    'implementation status: change or propose, approve and reject proposals of another member',
  ),
  // Coordinators choose which statuses the public sees; whether there is a public scorecard at all is the admins' call.
  Publish: definePermission(
    'implementation.publish',
    [Role.Admin, Role.Coordinator],
    'which statuses the public scorecard shows: publish and unpublish',
  ),
  Settings: definePermission(
    'implementation.settings',
    [Role.Admin],
    'the second-reviewer rule for status changes and whether the public scorecard is on',
  ),
};

export const IMPLEMENTATION_PERMISSIONS = Object.values(ImplementationPermission);
