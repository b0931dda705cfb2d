import { loadCatalogue } from '#rally/core';

/** The words of follow-up reminders and digests, per language (`./i18n/<lang>.json`, ICU MessageFormat). */
export const FOLLOWUPS_CATALOGUE = loadCatalogue('followups', new URL('./i18n/', import.meta.url));
