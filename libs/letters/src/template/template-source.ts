/** A place in a template as an editor shows it: both 1-based. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** A template's text with its line starts, to go between Handlebars' locations (column 0-based) and offsets. */
export class TemplateSource {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    // The same line breaks as Handlebars' lexer: CRLF, CR or LF.
    for (const m of text.matchAll(/\r\n?|\n/g)) this.lineStarts.push(m.index + m[0].length);
  }

  /** The offset of a Handlebars location (line 1-based, column 0-based). */
  offsetOf(line: number, column: number): number {
    const start = this.lineStarts[Math.min(Math.max(line, 1), this.lineStarts.length) - 1];
    return Math.min(start + Math.max(column, 0), this.text.length);
  }

  positionOf(offset: number): SourcePosition {
    let line = this.lineStarts.length;
    while (line > 1 && this.lineStarts[line - 1] > offset) line--;
    return { line, column: offset - this.lineStarts[line - 1] + 1 };
  }

  /** The text a node covers. */
  slice(loc: { start: { line: number; column: number }; end: { line: number; column: number } }): string {
    return this.text.slice(
      this.offsetOf(loc.start.line, loc.start.column),
      this.offsetOf(loc.end.line, loc.end.column),
    );
  }
}

interface LexerLocation {
  first_line: number;
  first_column: number;
  last_line: number;
  last_column: number;
}

/** Where Handlebars' (shared, synchronous) lexer stood when parsing stopped; read right after the throw. */
export type LexerPosition = () => LexerLocation | undefined;

/**
 * A parse failure as a place and a sentence a campaigner can act on. Handlebars' messages carry the line
 * ("Parse error on line 4:", "Lexical error on line 2.") or end with " - 4:7" (compile-time checks, which also set
 * `lineNumber`/`column`); the column of a parse error comes from the lexer, which stopped on the offending token.
 */
export function describeParseError(
  error: unknown,
  source: TemplateSource,
  lexer: LexerPosition,
): SourcePosition & { message: string } {
  const raw = error instanceof Error ? error.message : String(error);
  const located = error as { lineNumber?: unknown; column?: unknown };
  if (typeof located.lineNumber === 'number' && typeof located.column === 'number') {
    return { line: located.lineNumber, column: located.column + 1, message: compileMessage(raw) };
  }
  const parse = /^Parse error on line (\d+):/.exec(raw);
  const lexical = /^Lexical error on line (\d+)\./.exec(raw);
  const line = Number((parse ?? lexical)?.[1] ?? 1);
  const at = lexer();
  if (parse) {
    const column = at?.first_line === line ? at.first_column + 1 : 1;
    const offset = source.offsetOf(line, column - 1);
    // The lexer stops past an unclosed "{{" (at the end, or on a character a name cannot hold): point at the "{{".
    const open = source.text.lastIndexOf('{{', offset);
    if (open >= 0 && !source.text.includes('}}', open)) {
      return { ...source.positionOf(open), message: 'this {{ is not closed with }}' };
    }
    if (/got 'EOF'\s*$/.test(raw)) {
      return { line, column, message: 'the template ends while a block is still open: close it with {{/name}}' };
    }
    const token = at?.last_line === line ? source.text.slice(offset, source.offsetOf(line, at.last_column)) : '';
    return { line, column, message: `Handlebars cannot read this${token ? `: unexpected "${token}"` : ''}` };
  }
  if (lexical) {
    const column = at?.last_line === line ? at.last_column + 1 : 1;
    return { line, column, message: 'Handlebars cannot read this: an unclosed {{!-- comment or a stray {{' };
  }
  return { line: 1, column: 1, message: compileMessage(raw) };
}

function compileMessage(raw: string): string {
  const message = raw.split('\n')[0].replace(/ - \d+:\d+$/, '');
  const mismatch = /^(\S+) doesn't match (\S+)$/.exec(message);
  if (mismatch) return `{{/${mismatch[2]}}} does not close {{#${mismatch[1]}}}`;
  return message;
}
