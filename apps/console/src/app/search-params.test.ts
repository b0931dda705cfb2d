import { describe, expect, it } from 'vitest';
import { day, days, oneOf, page, search, text, uuid } from './search-params';

const petitions = search({ q: text, status: oneOf(['draft', 'open', 'closed', 'delivered']), campaignId: uuid, page });

describe('list filters in the address', () => {
  it('keeps valid values', () => {
    expect(
      petitions.parse({ q: ' water ', status: 'open', campaignId: '5f0c6a52-8d0e-4f57-9d55-3c1c2f1c0d11', page: '3' }),
    ).toEqual({
      q: 'water',
      status: 'open',
      campaignId: '5f0c6a52-8d0e-4f57-9d55-3c1c2f1c0d11',
      page: 3,
    });
  });

  it('drops a hand-edited bad value instead of failing the screen', () => {
    expect(petitions.parse({ status: 'archived', campaignId: 'abc', page: '-2', q: 'x'.repeat(500) })).toEqual({
      q: undefined,
      status: undefined,
      campaignId: undefined,
      page: undefined,
    });
    expect(search({ days }).parse({ days: 45 })).toEqual({ days: undefined });
    expect(search({ since: day }).parse({ since: '2026-02-30' })).toEqual({ since: undefined });
    expect(search({ page }).parse({ page: '1.5' })).toEqual({ page: undefined });
  });
});
