/**
 * `value` with `token` in place of the selection [start, end) (the caret when they are equal), and where the caret
 * goes after it. Out-of-range positions (a field that lost its selection) append at the end.
 */
export function insertAt(
  value: string,
  token: string,
  start: number | null,
  end: number | null,
): { value: string; caret: number } {
  const from = start === null || start < 0 || start > value.length ? value.length : start;
  const to = end === null || end < from || end > value.length ? from : end;
  return { value: value.slice(0, from) + token + value.slice(to), caret: from + token.length };
}

/** The merge field as the template writes it. */
export const mergeToken = (path: string): string => `{{${path}}}`;
