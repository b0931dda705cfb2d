import { loadCatalogue, Translator } from '#rally/core';

/** The unsubscribe and preferences pages and the mailing footer, per language (`./i18n/<lang>.json`, ICU). */
export const MAILINGS_CATALOGUE = loadCatalogue('mailings', new URL('./i18n/', import.meta.url));

export const mailingsText = new Translator([MAILINGS_CATALOGUE]);
