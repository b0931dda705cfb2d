import { loadCatalogue, Translator } from '#rally/core';

/** Every string the petition pages and mails show, per language (`./i18n/<lang>.json`, ICU MessageFormat). */
export const PETITIONS_CATALOGUE = loadCatalogue('petitions', new URL('./i18n/', import.meta.url));

/** Petitions' strings plus the common ones (form errors): one translator for pages and consent wording. */
export const petitionsText = new Translator([PETITIONS_CATALOGUE]);
