import type { RallyLibrary } from '#rally/core';
import { SupporterConsent } from './entities/supporter-consent.entity.js';
import { Supporter } from './entities/supporter.entity.js';

/** One supporter per normalised email per organisation, with the consent they gave, as given. */
export const SUPPORTERS_LIBRARY: RallyLibrary = { name: 'supporters', entities: [Supporter, SupporterConsent] };
