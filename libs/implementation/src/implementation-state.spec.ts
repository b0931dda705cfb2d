import { changedFields, sameState, UNKNOWN_STATE } from './implementation-state.js';

describe('status state', () => {
  const set = {
    ...UNKNOWN_STATE,
    status: 'in-progress' as const,
    evidence: [{ url: 'https://a.example', supports: 'x' }],
  };

  it('compares every field, evidence links included', () => {
    expect(sameState(set, { ...set, evidence: [{ url: 'https://a.example', supports: 'x' }] })).toBe(true);
    expect(sameState(set, { ...set, evidence: [{ url: 'https://a.example', supports: 'y' }] })).toBe(false);
    expect(sameState(set, { ...set, lastVerified: '2027-03-01' })).toBe(false);
    expect(sameState(set, UNKNOWN_STATE)).toBe(false);
  });

  it('names the fields that changed', () => {
    expect(changedFields(UNKNOWN_STATE, set)).toEqual(['status', 'evidence']);
    expect(changedFields(set, { ...set, note: 'n' })).toEqual(['note']);
  });
});
