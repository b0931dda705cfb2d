import { Injectable } from '@nestjs/common';
import { LetterTemplateInvalidError } from '../letters.exception.js';
import { letterHtml } from './letter-html.js';
import type { LetterContextInput } from './merge-fields.js';
import { normaliseLetterContext, sampleLetterContext } from './merge-fields.js';
import type { LetterTemplateInput, LetterTemplateProblem } from './template-check.js';
import { checkLetterTemplate } from './template-check.js';
import { LETTER_LIMITS } from './template-limits.js';
import type { LetterRenderOptions, LetterTemplateSource, RenderedLetter } from './template-render.js';
import { editableDefault, renderLetter, renderSubject } from './template-render.js';

export interface LetterPreviewOptions extends LetterRenderOptions {
  /** The letter's language, for the HTML part's `lang` and `dir`. */
  language: string;
  /** Chosen values (a target from the directory...); every field left out takes its sample. */
  context?: LetterContextInput;
}

export interface LetterPreview {
  /** Every subject line, rendered. */
  subjects: string[];
  text: string;
  html: string;
  /** What the supporter's text area starts with, for an editable letter. */
  editableDefault: string | null;
}

/** The letter template engine for Nest: check at save, render per letter, preview while editing. */
@Injectable()
export class LetterTemplates {
  check(template: LetterTemplateInput): LetterTemplateProblem[] {
    return checkLetterTemplate(template);
  }

  /** Throws LetterTemplateInvalidError (422, each problem under its field with line and column). */
  assertValid(template: LetterTemplateInput): void {
    const problems = checkLetterTemplate(template);
    if (problems.length > 0) throw new LetterTemplateInvalidError(problems);
  }

  render(template: LetterTemplateSource, context: LetterContextInput, options?: LetterRenderOptions): RenderedLetter {
    return renderLetter(template, context, options);
  }

  editableDefault(template: LetterTemplateSource, context: LetterContextInput): string | null {
    return editableDefault(template, context);
  }

  html(text: string, language: string, title?: string): string {
    return letterHtml(text, language, { title });
  }

  /** The template as a letter, with sample values wherever the caller chose none; refused like a save when invalid. */
  preview(template: LetterTemplateInput, options: LetterPreviewOptions): LetterPreview {
    this.assertValid(template);
    const context = sampleLetterContext(options.context);
    const normalised = normaliseLetterContext(context, LETTER_LIMITS.eachItems);
    const subjects = template.subjects.map((_, i) => renderSubject(template, normalised, i));
    const { subject, text } = renderLetter(template, context, options);
    return {
      subjects,
      text,
      html: letterHtml(text, options.language, { title: subject }),
      editableDefault: template.editable ? editableDefault(template, context) : null,
    };
  }
}
