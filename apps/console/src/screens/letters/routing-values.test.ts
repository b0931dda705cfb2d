import { describe, expect, it } from 'vitest';
import { NEW_ROUTING, routingProblems, toRoutingDto } from './routing-values';

describe('routing as the API takes it', () => {
  it('sends only what the chosen mode reads, with the fallback and the most letters per supporter', () => {
    const values = { ...NEW_ROUTING, targetIds: ['t1', 't2'], kinds: ['minister'], fallbackTargetId: 'f1' };
    expect(toRoutingDto({ ...values, mode: 'country' })).toEqual({
      mode: 'country',
      kinds: ['minister'],
      fallbackTargetId: 'f1',
      maxTargets: 5,
    });
    expect(toRoutingDto({ ...values, mode: 'pick', min: 1, max: 2 })).toEqual({
      mode: 'pick',
      targetIds: ['t1', 't2'],
      min: 1,
      max: 2,
      fallbackTargetId: 'f1',
      maxTargets: 5,
    });
    expect(toRoutingDto({ ...values, mode: 'sample', sampleSize: 2 })).toEqual({
      mode: 'sample',
      targetIds: ['t1', 't2'],
      sampleSize: 2,
      fallbackTargetId: 'f1',
      maxTargets: 5,
    });
    expect(
      toRoutingDto({ ...values, mode: 'responsibility', focusArea: 'migration', recommendationCode: '  ' }),
    ).toEqual({
      mode: 'responsibility',
      focusArea: 'migration',
      recommendationCode: null,
      fallbackTargetId: 'f1',
      maxTargets: 5,
    });
  });

  it('names the field of each problem it can see before sending', () => {
    expect(routingProblems(NEW_ROUTING)).toEqual({});
    expect(routingProblems({ ...NEW_ROUTING, mode: 'pick', min: 3, max: 2 })).toEqual({
      'routing.targetIds': 'letters.routing.needTargets',
      'routing.min': 'letters.routing.minAboveMax',
    });
    expect(routingProblems({ ...NEW_ROUTING, mode: 'sample', sampleSize: 3, targetIds: ['a', 'b'] })).toEqual({
      'routing.sampleSize': 'letters.routing.sampleAboveList',
    });
    expect(routingProblems({ ...NEW_ROUTING, mode: 'responsibility', maxTargets: 51 })).toEqual({
      'routing.focusArea': 'letters.routing.needFocusArea',
      'routing.maxTargets': 'letters.routing.countRule',
    });
  });
});
