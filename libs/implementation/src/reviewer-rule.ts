import type { AuthContext } from '#rally/access';

/**
 * The person behind an action: a signed-in member, or the member who created the API token used. The second-reviewer
 * rule compares people, so a proposer cannot approve their own change through a token they made.
 */
export interface Actor {
  userId: string | null;
  tokenId: string | null;
}

export const actorOf = (auth: AuthContext, tokenCreator: string | null = null): Actor =>
  auth.actor.kind === 'user'
    ? { userId: auth.actor.userId, tokenId: null }
    : { userId: tokenCreator, tokenId: auth.actor.tokenId };

/** Same person, or the same token (a token whose creator is gone cannot be told apart from another by person). */
export const samePerson = (a: Actor, b: Actor): boolean =>
  (a.userId !== null && a.userId === b.userId) || (a.tokenId !== null && a.tokenId === b.tokenId);

export type ReviewRefusal = 'not_pending' | 'own_proposal' | 'stale';

/**
 * Whether `decider` may approve (or reject) a proposal: it must still be pending, come from someone else, and, for an
 * approval, rest on the version that is current now (a change applied meanwhile would be silently undone).
 */
export function reviewRefusal(
  proposal: { state: string; proposedBy: Actor; baseVersion: number },
  decider: Actor,
  decision: 'approve' | 'reject',
  currentVersion: number,
): ReviewRefusal | null {
  if (proposal.state !== 'pending') return 'not_pending';
  if (samePerson(proposal.proposedBy, decider)) return 'own_proposal';
  if (decision === 'approve' && proposal.baseVersion !== currentVersion) return 'stale';
  return null;
}
