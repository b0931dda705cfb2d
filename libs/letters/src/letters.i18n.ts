import { loadCatalogue, Translator } from '#rally/core';

/** Every string the letter pages and supporter mails show, per language (`./i18n/<lang>.json`, ICU MessageFormat). */
export const LETTERS_CATALOGUE = loadCatalogue('letters', new URL('./i18n/', import.meta.url));

export const lettersText = new Translator([LETTERS_CATALOGUE]);
