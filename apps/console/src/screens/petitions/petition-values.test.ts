import { describe, expect, it } from 'vitest';
import type { PetitionValues } from './petition-form';
import { toCreateBody, toUpdateBody } from './petition-values';

const values: PetitionValues = {
  campaignId: '5f0c6a52-8d0e-4f57-9d55-3c1c2f1c0d11',
  slug: 'end-child-detention',
  title: '  End child detention ',
  ask: ' We ask the ministry to act. ',
  targetDescription: '  ',
  goal: 10000,
  milestones: ['5000', '1000', '1000'],
  language: 'fr',
  closesAt: null,
};

describe('petition form values to API bodies', () => {
  it('creates without blank optional fields, with milestones sorted and unique', () => {
    expect(toCreateBody(values)).toEqual({
      campaignId: values.campaignId,
      slug: 'end-child-detention',
      title: 'End child detention',
      ask: 'We ask the ministry to act.',
      goal: 10000,
      milestones: [1000, 5000],
      language: 'fr',
    });
  });

  it('sends a close date as an instant, and null to remove it when editing', () => {
    const dated = { ...values, closesAt: '2031-01-01 12:00:00' };
    expect(new Date(toCreateBody(dated).closesAt as string).getTime()).toBe(new Date(2031, 0, 1, 12).getTime());
    expect(toUpdateBody(values).closesAt).toBeNull();
    expect(toUpdateBody(values).targetDescription).toBe('');
  });
});
