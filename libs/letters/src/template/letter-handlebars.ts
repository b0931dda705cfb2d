import Handlebars from 'handlebars';
import { LetterLimitExceededError } from '../letters.exception.js';
import { LETTER_LIMITS } from './template-limits.js';

/** The only helpers a letter may use; every other name is refused at save and unknown to the compiler. */
export const LETTER_BLOCK_HELPERS = ['if', 'unless', 'each', 'with', 'editable'] as const;

/** What one render carries to the helpers, under a data key the check never lets a template name (`@...`). */
export interface LetterRenderState {
  /** The supporter's text, put in place of the editable block's output, as is. */
  editedText?: string;
  /** What the editable block rendered (its default), when there is one. */
  editableOutput?: string;
  /** Characters `each` has produced so far, to stop a long loop before it finishes. */
  outputChars: number;
}
export const LETTER_RENDER_STATE = 'rallyLetterRender';

// Unescaped output is checked against this inside loops; the tidied body is held to bodyOutputChars at the end. The
// tidy step only removes characters (trailing spaces, extra blank lines), hence the margin.
const RAW_OUTPUT_CHARS = LETTER_LIMITS.bodyOutputChars * 4;

/** An isolated Handlebars: no partials, no decorators, no lookup/log/missing-helper hooks, our own `each`. */
export const letterHandlebars = Handlebars.create();
for (const name of ['lookup', 'log', 'helperMissing', 'blockHelperMissing']) letterHandlebars.unregisterHelper(name);
letterHandlebars.unregisterDecorator('inline');

function stateOf(options: Handlebars.HelperOptions): LetterRenderState {
  const data = options.data as Record<string, unknown> | undefined;
  const state = data?.[LETTER_RENDER_STATE] as LetterRenderState | undefined;
  return state ?? { outputChars: 0 };
}

// Arrays only (the context never holds anything else to loop over), at most eachItems, output counted as it grows.
letterHandlebars.registerHelper('each', function (this: unknown, list: unknown, options: Handlebars.HelperOptions) {
  if (!Array.isArray(list) || list.length === 0) return options.inverse(this);
  if (list.length > LETTER_LIMITS.eachItems) {
    throw new LetterLimitExceededError(
      'recommendations',
      `{{#each}} goes over at most ${LETTER_LIMITS.eachItems} items`,
    );
  }
  const state = stateOf(options);
  let out = '';
  for (let i = 0; i < list.length; i++) {
    const data = letterHandlebars.createFrame(options.data) as Record<string, unknown>;
    data.index = i;
    data.first = i === 0;
    data.last = i === list.length - 1;
    const chunk = options.fn(list[i], { data, blockParams: [list[i], i] });
    state.outputChars += chunk.length;
    if (state.outputChars > RAW_OUTPUT_CHARS) {
      throw new LetterLimitExceededError(
        'body',
        `the letter would be longer than ${LETTER_LIMITS.bodyOutputChars} characters`,
      );
    }
    out += chunk;
  }
  return out;
});

letterHandlebars.registerHelper('editable', function (this: unknown, options: Handlebars.HelperOptions) {
  const state = stateOf(options);
  const out = options.fn(this);
  state.editableOutput = out;
  if (state.editedText === undefined) return out;
  // The supporter's words take the block's place between the line breaks around it, so the next line stays its own.
  const [, before, , after] = /^(\s*)([\s\S]*?)(\s*)$/.exec(out) ?? ['', '', '', ''];
  return before + state.editedText.replace(/^\s+|\s+$/g, '') + after;
});

/** Strict (a missing field throws rather than renders blank), known helpers only, plain text (no HTML escaping). */
export const LETTER_COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  noEscape: true,
  assumeObjects: true,
  knownHelpers: {
    if: true,
    unless: true,
    each: true,
    with: true,
    editable: true,
    lookup: false,
    log: false,
    helperMissing: false,
    blockHelperMissing: false,
  },
} satisfies CompileOptions;

export const LETTER_RUNTIME_OPTIONS = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
} satisfies Handlebars.RuntimeOptions;

type LexerLocation = { first_line: number; first_column: number; last_line: number; last_column: number };

/** Where the (shared, synchronous) lexer stopped: read right after a parse error to find its column. */
export function lexerLocation(): LexerLocation | undefined {
  const parser = (letterHandlebars as unknown as { Parser?: { lexer?: { yylloc?: LexerLocation } } }).Parser;
  return parser?.lexer?.yylloc;
}
