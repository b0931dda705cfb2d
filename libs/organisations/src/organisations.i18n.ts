import { loadCatalogue, Translator } from '#rally/core';

/** The organisations library's strings: staff mails, account pages, role names (`./i18n/<lang>.json`). */
export const ORGANISATIONS_CATALOGUE = loadCatalogue('organisations', new URL('./i18n/', import.meta.url));

export const organisationsText = new Translator([ORGANISATIONS_CATALOGUE]);
