import { isDay } from '../dto/target-fields.js';
import { normalisePostcode, postcodePrefixes } from './postcode.js';

describe('postcodes and days', () => {
  it('normalises postcodes and lists their prefixes longest first', () => {
    expect(normalisePostcode(' sw1a-1aa ')).toBe('SW1A1AA');
    expect(normalisePostcode('69\t003')).toBe('69003');
    expect(postcodePrefixes('69 003')).toEqual(['69003', '6900', '690', '69', '6']);
    expect(postcodePrefixes(' - ')).toEqual([]);
    expect(postcodePrefixes('1'.repeat(40))).toHaveLength(12);
  });

  it('accepts only calendar days written YYYY-MM-DD', () => {
    expect(['2026-01-01', '2028-02-29', '9999-12-31'].map(isDay)).toEqual([true, true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', '1899-12-31', '2026-01-01T00:00Z', 20260101].map(isDay)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
