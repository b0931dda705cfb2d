import { loadCatalogue, Translator } from '#rally/core';

/** The "did they reply?" mails and pages, per language (`./i18n/<lang>.json`, ICU MessageFormat). */
export const SCOREBOARD_CATALOGUE = loadCatalogue('scoreboard', new URL('./i18n/', import.meta.url));

export const scoreboardText = new Translator([SCOREBOARD_CATALOGUE]);
