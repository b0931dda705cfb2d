import { loadCatalogue, Translator } from '#rally/core';

/** Every string the public scorecard shows, per language (`./i18n/<lang>.json`, ICU MessageFormat). */
export const IMPLEMENTATION_CATALOGUE = loadCatalogue('implementation', new URL('./i18n/', import.meta.url));

export const implementationText = new Translator([IMPLEMENTATION_CATALOGUE]);
