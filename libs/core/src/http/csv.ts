/**
 * One CSV cell: quoted when needed, and a leading = + - @ tab or CR neutralised with a `'` so a spreadsheet never
 * runs it as a formula. Values that already start with quotes before such a character get one more, so an importer
 * that strips exactly one (`csvCellValue`) gets every value back as it was.
 */
export function csvCell(value: string | boolean | Date | null): string {
  if (value === null) return '';
  let s = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const FORMULA_START = /^'*[=+\-@\t\r]/;
const NEUTRALISED = /^'+[=+\-@\t\r]/;

/** A cell as csvCell wrote it (after CSV unquoting): the formula guard taken off again. */
export const csvCellValue = (cell: string): string => (NEUTRALISED.test(cell) ? cell.slice(1) : cell);
