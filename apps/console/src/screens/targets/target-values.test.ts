import { describe, expect, it } from 'vitest';
import { emptyTarget, toCreateBody, toUpdateBody } from './target-values';

describe('a target form as the API body', () => {
  it('trims texts, drops blank and repeated list entries, and sends none as null', () => {
    const body = toCreateBody({
      ...emptyTarget('FR', 'fr'),
      kind: 'minister',
      name: '  Jeanne Martin ',
      regionCodes: ['FR-ARA', ' FR-ARA', ''],
      tags: ['cabinet', 'cabinet '],
      emails: [' cabinet@justice.example.gov', 'cabinet@justice.example.gov', 'jm@justice.example.gov'],
    });
    expect(body).toMatchObject({
      kind: 'minister',
      name: 'Jeanne Martin',
      country: 'FR',
      language: 'fr',
      regionCodes: ['FR-ARA'],
      tags: ['cabinet'],
      timeZone: null,
      externalId: null,
      emails: ['cabinet@justice.example.gov', 'jm@justice.example.gov'],
    });
  });

  it('keeps a chosen time zone and external id, and sends no addresses on update', () => {
    const body = toUpdateBody({
      ...emptyTarget('SN', 'fr'),
      kind: 'ministry',
      name: 'Ministère de la Justice',
      timeZone: 'Africa/Dakar',
      externalId: ' SN-MJ ',
      emails: ['ignored@example.org'],
    });
    expect(body).toMatchObject({ timeZone: 'Africa/Dakar', externalId: 'SN-MJ' });
    expect(body).not.toHaveProperty('emails');
  });
});
