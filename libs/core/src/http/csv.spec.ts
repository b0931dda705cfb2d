import { csvCell, csvCellValue } from './csv.js';

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

  it('round-trips through csvCellValue, values that start with a quote included', () => {
    for (const value of ['Ana', '=SUM(A1)', "'=SUM(A1)", "''+33 1 23", '@home', "'quoted'", "'", '-'])
      expect(
        csvCellValue(
          csvCell(value)
            .replace(/^"(.*)"$/s, '$1')
            .replace(/""/g, '"'),
        ),
      ).toBe(value);
    expect(csvCellValue("'plain")).toBe("'plain");
  });
});
