import { ACCESS_LIBRARY } from '#rally/access';
import type { RallyLibrary } from '#rally/core';
import { COMMON_CATALOGUE } from '#rally/core';
import { CAMPAIGNS_LIBRARY } from '#rally/campaigns';
import { MAIL_LIBRARY } from '#rally/mail';
import { ORGANISATIONS_LIBRARY } from '#rally/organisations';
import { PETITIONS_LIBRARY } from '#rally/petitions';
import { RECOMMENDATIONS_LIBRARY } from '#rally/recommendations';
import { SUPPORTERS_LIBRARY } from '#rally/supporters';
import { TARGETS_LIBRARY } from '#rally/targets';
import { LETTERS_LIBRARY } from '#rally/letters';
import { INBOUND_LIBRARY } from '#rally/inbound';
import { RESPONSES_LIBRARY } from '#rally/responses';
import { IMPLEMENTATION_LIBRARY } from '#rally/implementation';
import { SCOREBOARD_LIBRARY } from '#rally/scoreboard';
import { FOLLOWUPS_LIBRARY } from '#rally/followups';
import { MAILINGS_LIBRARY } from '#rally/mailings';

/**
 * Every library of Rally, each declared by its own manifest (`libs/<lib>/src/<lib>.library.ts`). Adding a library
 * adds one line here (plus its migration); everything below is derived.
 */
export const RALLY_LIBRARIES: readonly RallyLibrary[] = [
  MAIL_LIBRARY,
  ACCESS_LIBRARY,
  ORGANISATIONS_LIBRARY,
  SUPPORTERS_LIBRARY,
  CAMPAIGNS_LIBRARY,
  PETITIONS_LIBRARY,
  RECOMMENDATIONS_LIBRARY,
  TARGETS_LIBRARY,
  LETTERS_LIBRARY,
  INBOUND_LIBRARY,
  RESPONSES_LIBRARY,
  IMPLEMENTATION_LIBRARY,
  SCOREBOARD_LIBRARY,
  FOLLOWUPS_LIBRARY,
  MAILINGS_LIBRARY,
];

/** The whole schema one Rally database holds. */
export const RALLY_ENTITIES = RALLY_LIBRARIES.flatMap((l) => l.entities ?? []);
/** The configuration sections every Rally process parses (and the README documents). */
export const RALLY_CONFIG_SECTIONS = RALLY_LIBRARIES.flatMap((l) => (l.config ? [l.config] : []));
/** The jobs the worker must handle. */
export const RALLY_JOBS = RALLY_LIBRARIES.flatMap((l) => l.jobs ?? []);
/** Every text catalogue, the shared one first: each must be complete in every language. */
export const RALLY_CATALOGUES = [COMMON_CATALOGUE, ...RALLY_LIBRARIES.flatMap((l) => l.catalogues ?? [])];
/** The permissions routes may require (docs/permissions.md lists each). */
export const RALLY_PERMISSIONS = RALLY_LIBRARIES.flatMap((l) => l.permissions ?? []);
/** What each library writes to the audit log, in manifest order (the console's audit filter and labels follow it). */
export const RALLY_AUDIT = RALLY_LIBRARIES.flatMap((l) => (l.audit ? [{ library: l.name, ...l.audit }] : []));
