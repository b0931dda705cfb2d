import { Role } from '#rally/access';
import { actorOf, reviewRefusal, samePerson } from './reviewer-rule.js';

const alice = { userId: 'u-alice', tokenId: null };
const bob = { userId: 'u-bob', tokenId: null };
const pending = (proposedBy = alice, baseVersion = 2) => ({ state: 'pending', proposedBy, baseVersion });

describe('second-reviewer rule', () => {
  it('lets another member approve or reject a pending proposal made against the current version', () => {
    expect(reviewRefusal(pending(), bob, 'approve', 2)).toBeNull();
    expect(reviewRefusal(pending(), bob, 'reject', 2)).toBeNull();
  });

  it('refuses the proposer, for approval and rejection alike', () => {
    expect(reviewRefusal(pending(), alice, 'approve', 2)).toBe('own_proposal');
    expect(reviewRefusal(pending(), alice, 'reject', 2)).toBe('own_proposal');
  });

  it('treats a token as the member who created it, and the same token as the same actor', () => {
    const alicesToken = { userId: 'u-alice', tokenId: 't-1' };
    expect(reviewRefusal(pending(), alicesToken, 'approve', 2)).toBe('own_proposal');
    const orphanToken = { userId: null, tokenId: 't-2' };
    expect(samePerson(orphanToken, { userId: null, tokenId: 't-2' })).toBe(true);
    expect(samePerson(orphanToken, { userId: null, tokenId: 't-3' })).toBe(false);
    // Two unknown people are not the same person.
    expect(samePerson({ userId: null, tokenId: null }, { userId: null, tokenId: null })).toBe(false);
  });

  it('refuses a decided proposal, and an approval of one the status moved past', () => {
    expect(reviewRefusal({ ...pending(), state: 'approved' }, bob, 'approve', 2)).toBe('not_pending');
    expect(reviewRefusal({ ...pending(), state: 'rejected' }, bob, 'reject', 2)).toBe('not_pending');
    expect(reviewRefusal(pending(), bob, 'approve', 3)).toBe('stale');
    // Rejecting a stale proposal is how the queue is cleared.
    expect(reviewRefusal(pending(), bob, 'reject', 3)).toBeNull();
  });

  it('reads the actor from the auth context', () => {
    const base = { organisationId: 'o', role: Role.Coordinator };
    expect(actorOf({ ...base, actor: { kind: 'user', userId: 'u', sessionId: 's' } })).toEqual({
      userId: 'u',
      tokenId: null,
    });
    expect(actorOf({ ...base, actor: { kind: 'token', tokenId: 't' } }, 'creator')).toEqual({
      userId: 'creator',
      tokenId: 't',
    });
  });
});
