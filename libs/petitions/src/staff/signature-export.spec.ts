import { csvCell } from './signature-export.js';

describe('csvCell', () => {
  it('quotes separators and quotes, and disarms spreadsheet formulas', () => {
    expect(csvCell('Ana')).toBe('Ana');
    expect(csvCell('Lima, "Ana"')).toBe('"Lima, ""Ana"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(null)).toBe('');
    expect(csvCell(true)).toBe('true');
    expect(csvCell(new Date('2030-01-02T03:04:05.000Z'))).toBe('2030-01-02T03:04:05.000Z');
  });
});
