import { loadCatalogue } from '#rally/core';

/** The mail library's own strings (the test message), `./i18n/<lang>.json`. */
export const MAIL_CATALOGUE = loadCatalogue('mail', new URL('./i18n/', import.meta.url));
