import type Handlebars from 'handlebars';
import { TtlCache } from '#rally/core';
import { LetterLimitExceededError, LetterTemplateInvalidError } from '../letters.exception.js';
import type { LetterRenderState } from './letter-handlebars.js';
import {
  LETTER_COMPILE_OPTIONS,
  LETTER_RENDER_STATE,
  LETTER_RUNTIME_OPTIONS,
  letterHandlebars,
} from './letter-handlebars.js';
import type { LetterContext, LetterContextInput } from './merge-fields.js';
import { normaliseLetterContext } from './merge-fields.js';
import type { TemplateRules } from './template-check.js';
import { checkBodySource, checkSubjectSource, LETTER_TEMPLATE_RULES } from './template-check.js';
import { LETTER_LIMITS, MAX_EDITED_TEXT_CHARS } from './template-limits.js';

export interface LetterTemplateSource {
  readonly subjects: readonly string[];
  readonly body: string;
}

export interface LetterRenderOptions {
  /** Which subject line (the caller draws it at random); the first by default. */
  subjectIndex?: number;
  /** The supporter's own version of the editable block, inserted as text. */
  editedText?: string;
}

export interface RenderedLetter {
  /** One line, at most LETTER_LIMITS.subjectChars characters. */
  subject: string;
  /** LF line endings, no trailing spaces, at most two blank lines in a row, one final newline. */
  text: string;
}

// Compiling costs ~100x a render (~1,100 vs ~140,000 renders/s for a 2 KB letter): keep the hot templates, keyed by
// the source itself (V8 keeps a string's hash, so a stored template is not rehashed per letter). 200 bodies and 500
// subject lines hold ~60 open actions in three languages with three subjects each; an hour bounds what edited-away
// versions keep in memory.
// One pair of caches per kind of template (letters, mailings): a source checked under one kind's merge fields is
// never taken as checked under another's.
const caches = new Map<TemplateRules, Record<'subject' | 'body', TtlCache<string, Handlebars.TemplateDelegate>>>();
function cacheOf(rules: TemplateRules): Record<'subject' | 'body', TtlCache<string, Handlebars.TemplateDelegate>> {
  let cache = caches.get(rules);
  if (!cache) {
    cache = {
      subject: new TtlCache<string, Handlebars.TemplateDelegate>({ max: 500, ttlMs: 60 * 60_000 }),
      body: new TtlCache<string, Handlebars.TemplateDelegate>({ max: 200, ttlMs: 60 * 60_000 }),
    };
    caches.set(rules, cache);
  }
  return cache;
}

// Checked again here (once per source, then cached) so that nothing reaches the compiler unchecked, whatever was
// stored before today's rules. The lenient editable rule: the action's own flag was enforced at save.
function compile(
  kind: 'subject' | 'body',
  source: string,
  field: string,
  rules: TemplateRules = LETTER_TEMPLATE_RULES,
): Handlebars.TemplateDelegate {
  const cache = cacheOf(rules)[kind];
  const hit = cache.get(source);
  if (hit) return hit;
  const problems =
    kind === 'subject' ? checkSubjectSource(source, field, rules) : checkBodySource(source, false, rules, field);
  if (problems.length > 0) throw new LetterTemplateInvalidError(problems);
  const template = letterHandlebars.compile(source, LETTER_COMPILE_OPTIONS);
  cache.set(source, template);
  return template;
}

/**
 * A template of another kind than letters (mailings) rendered by the same isolated engine: checked under its own
 * rules once, then cached. `context` must be inert (null-prototype objects of strings, arrays of them), as
 * normaliseLetterContext makes for letters. A subject comes back as one tidy line, a body tidied like a letter's.
 */
export function renderSafeTemplate(
  kind: 'subject' | 'body',
  source: string,
  field: string,
  context: object,
  rules: TemplateRules,
): string {
  const out = run(compile(kind, source, field, rules), context as LetterContext, { outputChars: 0 });
  return kind === 'subject' ? tidySubject(out) : tidyBody(out);
}

function run(template: Handlebars.TemplateDelegate, context: LetterContext, state: LetterRenderState): string {
  return template(context, { ...LETTER_RUNTIME_OPTIONS, data: { [LETTER_RENDER_STATE]: state } });
}

/** One line (no CR, LF or other control character can reach a mail header), trimmed, cut at a word if too long. */
export function tidySubject(raw: string): string {
  const line = raw.replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  const max = LETTER_LIMITS.subjectChars;
  if (line.length <= max) return line;
  let cut = line.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max - 40 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** LF line endings, no control characters but tab, no trailing spaces, at most two blank lines in a row. */
export function tidyBody(raw: string): string {
  return (
    raw
      .replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
      .replace(/[ \t]+$/gm, '')
      .replace(/\n{4,}/g, '\n\n\n')
      .replace(/^\n+/, '')
      .trimEnd() + '\n'
  );
}

export function renderSubject(template: LetterTemplateSource, context: LetterContext, index: number): string {
  const source = template.subjects[index];
  if (!Number.isInteger(index) || source === undefined) {
    throw new RangeError(`No subject line ${index}: the template has ${template.subjects.length}`);
  }
  return tidySubject(run(compile('subject', source, `subjects[${index}]`), context, { outputChars: 0 }));
}

function renderBody(template: LetterTemplateSource, context: LetterContext, state: LetterRenderState): string {
  const text = tidyBody(run(compile('body', template.body, 'body'), context, state));
  if (text.length > LETTER_LIMITS.bodyOutputChars) {
    throw new LetterLimitExceededError(
      'body',
      `the letter would be ${text.length} characters long, more than ${LETTER_LIMITS.bodyOutputChars}`,
    );
  }
  return text;
}

/**
 * A letter as it will be sent. Every value goes in as text: supporter input is data, never compiled, so a `{{...}}`
 * in a name or a paragraph comes out as typed.
 */
export function renderLetter(
  template: LetterTemplateSource,
  context: LetterContextInput,
  options: LetterRenderOptions = {},
): RenderedLetter {
  const { subjectIndex = 0, editedText } = options;
  if (editedText !== undefined && editedText.length > MAX_EDITED_TEXT_CHARS) {
    throw new LetterLimitExceededError('letter', `at most ${MAX_EDITED_TEXT_CHARS} characters`);
  }
  const ctx = normaliseLetterContext(context, LETTER_LIMITS.eachItems);
  const subject = renderSubject(template, ctx, subjectIndex);
  const state: LetterRenderState = { editedText, outputChars: 0 };
  const text = renderBody(template, ctx, state);
  if (editedText !== undefined && state.editableOutput === undefined) {
    // The supporter's words would be dropped without a trace: the caller let them write where the letter has no slot.
    throw new Error('editedText was given but the letter has no {{#editable}} block');
  }
  return { subject, text };
}

/**
 * What the editable block renders before the supporter changes it, to pre-fill the page's text area; null when the
 * body has none. Only campaign, organisation and recommendations are known then (the check holds the block to them).
 */
export function editableDefault(template: LetterTemplateSource, context: LetterContextInput): string | null {
  const state: LetterRenderState = { outputChars: 0 };
  renderBody(template, normaliseLetterContext(context, LETTER_LIMITS.eachItems), state);
  return state.editableOutput === undefined ? null : tidyBody(state.editableOutput).replace(/^\s+|\s+$/g, '');
}
