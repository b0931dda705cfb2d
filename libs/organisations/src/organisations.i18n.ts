import { loadCatalogue } from '#rally/core';

/** The organisations library's strings: staff mails and role names (`./i18n/<lang>.json`). */
export const ORGANISATIONS_CATALOGUE = loadCatalogue('organisations', new URL('./i18n/', import.meta.url));
