/**
 * The narrowest scope a repository needs: just the organisation. Every method reading or writing organisation data
 * takes one (or the access layer's AuthContext, which is one) first, so an unscoped query does not compile.
 * Here, below every library, so that even mail can be scoped; the access layer builds on it.
 */
export interface OrgScope {
  organisationId: string;
}
