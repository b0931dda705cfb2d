import { defineMailTemplate } from '#rally/mail';
import { LETTERS_CATALOGUE } from '../letters.i18n.js';

/**
 * A letter to a target, rendered at submission and stored as sent: the outbox only lays it out. The text part is the
 * letter; the HTML part is the same text, escaped, in paragraphs (never campaigner-authored HTML).
 */
export interface LetterMailData {
  subject: string;
  text: string;
}

export const LETTER_MAIL = defineMailTemplate<LetterMailData>('letters.letter', new URL('./letter/', import.meta.url));

/** Blank lines make paragraphs, single line breaks stay: the HTML part reads like the text part. */
export function letterParagraphs(text: string): { lines: string[] }[] {
  return text
    .split(/\n{2,}/)
    .map((p) => p.replace(/^\n+|\n+$/g, ''))
    .filter((p) => p.trim() !== '')
    .map((p) => ({ lines: p.split('\n') }));
}

/** To a supporter: confirm your address so your letters go (first mail, the reminder, or after sending again). */
export const LETTER_CONFIRM_MAIL = defineMailTemplate<{
  firstName: string;
  actionTitle: string;
  confirmUrl: string;
  letterCount: number;
  recipients: string[];
  reminder: boolean;
}>('letters.confirm', new URL('./letter-confirm/', import.meta.url), LETTERS_CATALOGUE);

/** To a supporter once confirmed: a copy of every letter sent in their name. */
export const LETTER_COPY_MAIL = defineMailTemplate<{
  firstName: string;
  actionTitle: string;
  letterCount: number;
  letters: { recipient: string; subject: string; text: string }[];
}>('letters.copy', new URL('./letter-copy/', import.meta.url), LETTERS_CATALOGUE);

export const LETTER_MAIL_TEMPLATES = [LETTER_MAIL, LETTER_CONFIRM_MAIL, LETTER_COPY_MAIL];
