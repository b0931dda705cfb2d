import { loadCatalogue } from '#rally/core';

/** Texts of the target directory that reach people: import error messages shown in the console. */
export const TARGETS_CATALOGUE = loadCatalogue('targets', new URL('./i18n/', import.meta.url));
