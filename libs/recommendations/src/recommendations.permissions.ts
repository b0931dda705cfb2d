import { ALL_ROLES, definePermission, Role } from '#rally/access';

/**
 * Every member reads the catalogue (letters and responses cite it); the people who write letters and log what
 * ministries answer keep the organisation's own recommendations. The Study's rows are nobody's to edit.
 */
export const RecommendationPermission = {
  Read: definePermission(
    'recommendations.read',
    ALL_ROLES,
    "the Study's catalogue and the organisation's own recommendations",
  ),
  Manage: definePermission(
    'recommendations.manage',
    [Role.Admin, Role.Coordinator, Role.Campaigner],
    "the organisation's own recommendations: add, edit, withdraw, delete",
  ),
};

export const RECOMMENDATION_PERMISSIONS = Object.values(RecommendationPermission);
