/**
 * The bounds of a letter template, checked at save (source) and at render (output). A body of 20,000 characters is
 * about eight printed pages, far above any letter to a ministry; the output caps keep a template that loops over a
 * long field from producing megabytes per supporter.
 */
export const LETTER_LIMITS = {
  /** Subject lines per template: one is drawn at random per letter. */
  subjects: 10,
  /** Characters of one subject line, in the template and after rendering (mail clients cut long ones anyway). */
  subjectChars: 300,
  /** Characters of the body template. */
  bodyChars: 20_000,
  /** Characters the supporter may write in place of the editable block (the caller validates its input). */
  editedTextChars: 10_000,
  /** Characters of a rendered body, after line endings and blank lines are tidied. */
  bodyOutputChars: 100_000,
  /** Items one `{{#each}}` goes over: more recommendations than any action cites. */
  eachItems: 100,
  /** Blocks inside blocks: a letter needs two or three; the walker and the compiler recurse this deep. */
  nesting: 10,
  /** Problems reported per field, so a pasted wall of mistakes answers a readable list. */
  problemsPerField: 20,
} as const;

/** The most a supporter may write in place of the editable block: the public form and its DTO use it. */
export const MAX_EDITED_TEXT_CHARS = LETTER_LIMITS.editedTextChars;
